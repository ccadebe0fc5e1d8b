import Testing
@testable import OVSDB
import OVSTestSupport
import BenchmarkSupport

@Suite struct JSONParserTests {
    private func parse(_ text: String, limits: JSONParserLimits = .default) throws(JSONParseError) -> JSON {
        try JSON(parsing: text, limits: limits)
    }

    private func error(_ text: String, limits: JSONParserLimits = .default) -> JSONParseError? {
        do {
            _ = try parse(text, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesEveryKindOfValue() throws {
        let value = try parse(#" {"a": [null, true, false, 0, -12, 1.5, "s\n\u00e9\ud83d\ude00"], "b": {}, "c": []} "#)
        let expected: JSON = ["a": [nil, true, false, 0, -12, 1.5, "s\né😀"], "b": .object([:]), "c": []]
        #expect(value == expected)
    }

    @Test func numbersAreIntegersWhenTheirValueIsAnInt64() throws {
        #expect(try parse("[1.0, 1e2, 100e-2, 1.5e1, -0, -0.0, 0e5]") == [1, 100, 1, 15, 0, 0, 0])
        #expect(try parse("[9223372036854775807, -9223372036854775808]") == [.integer(.max), .integer(.min)])
        #expect(try parse("[9223372036854775808]") == [.real(9223372036854775808)])
        #expect(try parse("[-9223372036854775809]") == [.real(Double("-9223372036854775809") ?? 0)])
        #expect(try parse("[0.5, 1e-400, 12345678901234567890]") == [0.5, .real(0), .real(Double("12345678901234567890") ?? 0)])
    }

    @Test func negativeZeroRealsBecomeZero() throws {
        let value = try parse("[-1e-400]")
        guard case .real(let real)? = value[0] else {
            Issue.record("expected a real, got \(value)")
            return
        }
        #expect(real == 0 && real.sign == .plus)
    }

    @Test func malformedNumbersAreRejectedWithOVSReasons() {
        let cases: [(String, JSONParseError.Reason)] = [
            ("[01]", .leadingZeros), ("[-]", .minusWithoutDigit), ("[-a]", .minusWithoutDigit),
            ("[1.]", .decimalPointWithoutDigit), ("[1e]", .exponentWithoutDigit),
            ("[1e+]", .exponentWithoutDigit), ("[1-2]", .malformedNumber), ("[1.5.3]", .malformedNumber),
            ("[1e2147483646]", .exponentOutOfRange), ("[1e400]", .numberOutOfRange),
            ("[1.8e308]", .numberOutOfRange), ("[1e-310]", .numberOutOfRange), ("[.5]", .invalidCharacter(0x2E)),
        ]
        for (text, reason) in cases {
            #expect(error(text)?.reason == reason, "\(text)")
        }
    }

    @Test func malformedStringsAreRejectedWithOVSReasons() {
        let cases: [(String, JSONParseError.Reason)] = [
            (#"["\u0000"]"#, .nullCharacter), (#"["\ud800"]"#, .malformedSurrogatePair),
            (#"["\ud800\u0041"]"#, .secondHalfNotTrailingSurrogate), (#"["\udc00"]"#, .loneTrailingSurrogate),
            (#"["\x"]"#, .invalidEscape(UInt8(ascii: "x"))), (#"["\u12"]"#, .truncatedUnicodeEscape),
            (#"["\u12G4"]"#, .malformedUnicodeEscape), ("[\"a\tb\"]", .unescapedControlCharacter(9)),
            (#"["abc"#, .unexpectedEndInString),
        ]
        for (text, reason) in cases {
            #expect(error(text)?.reason == reason, "\(text)")
        }
    }

    @Test func invalidUTF8IsRejectedAtTheOffendingByte() throws {
        for bytes in [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] as [[UInt8]] {
            let input = Array(#"["ok","#.utf8) + [0x22] + bytes + [0x22, 0x5D]
            #expect(throws: JSONParseError(.invalidUTF8, at: 7)) { try JSON(parsing: input) }
        }
        let valid = Array(#"["é€😀"]"#.utf8)
        #expect(try JSON(parsing: valid) == ["é€😀"])
    }

    @Test func structuralErrorsUseOVSReasons() {
        let cases: [(String, JSONParseError.Reason)] = [
            ("", .emptyInput), ("  \n", .emptyInput), ("1", .syntaxErrorAtBeginning),
            (#""x""#, .syntaxErrorAtBeginning), ("[1,]", .expectedValue), ("[1 2]", .expectedCommaOrArrayEnd),
            (#"{"a"}"#, .expectedColon), (#"{"a":1,}"#, .expectedMemberName), ("{1:2}", .expectedMemberName),
            (#"{"a":1 "b":2}"#, .expectedCommaOrObjectEnd), ("[] []", .trailingGarbage), ("[1", .unexpectedEnd),
            (#"{"a":"#, .unexpectedEnd), ("[True]", .invalidCharacter(UInt8(ascii: "T"))),
            ("[nul]", .invalidKeyword("nul")), ("[nullx]", .invalidKeyword("nullx")), ("[@]", .invalidCharacter(0x40)),
        ]
        for (text, reason) in cases {
            #expect(error(text)?.reason == reason, "\(text.debugDescription)")
        }
    }

    @Test func errorsCarryTheByteOffset() {
        #expect(error(#"[1, 2, "a", tru]"#) == JSONParseError(.invalidKeyword("tru"), at: 12))
        #expect(error("[1, 2, 3\n, @]") == JSONParseError(.invalidCharacter(0x40), at: 11))
        #expect(error("[1, 2] x")?.description == "byte 7: invalid keyword 'x'")
    }

    @Test func repeatedMembersKeepTheFirstPositionAndTheLastValue() throws {
        let small = try parse(#"{"a": 1, "b": 2, "a": 3}"#)
        #expect(small.objectValue?.keys == ["a", "b"])
        #expect(small["a"] == 3)
        let members = (0..<40).map { "\"k\($0)\": \($0)" } + ["\"k7\": \"last\""]
        let large = try parse("{" + members.joined(separator: ",") + "}")
        #expect(large.objectValue?.count == 40)
        #expect(large.objectValue?.keys.first == "k0")
        #expect(large["k7"] == "last")
        #expect(large["k39"] == 39)
    }

    @Test func membersThatDifferOnlyByUnicodeNormalizationStayDistinct() throws {
        let value = try parse(#"{"\u00e9": 1, "e\u0301": 2}"#)
        #expect(value.objectValue?.count == 2)
        #expect(value["\u{E9}"] == 1)
        #expect(value["e\u{301}"] == 2)
    }

    @Test func nestingUpToTheLimitIsAcceptedAndBeyondItRejected() throws {
        let limits = JSONParserLimits(maxDepth: 1000)
        let deepest = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
        let deepValue = try parse(deepest, limits: limits)
        #expect(deepValue.arrayValue?.count == 1)
        #expect(deepValue.serializedString() == deepest)
        #expect(deepValue == (try parse(deepest, limits: limits)))
        let tooDeep = String(repeating: "[", count: 1001) + String(repeating: "]", count: 1001)
        #expect(error(tooDeep, limits: limits) == JSONParseError(.tooDeep(limit: 1000), at: 1000))
        #expect(error(tooDeep, limits: limits)?.message == "input exceeds maximum nesting depth 1000")
    }

    @Test func hugeNestingFailsCleanlyWithoutExhaustingTheStack() {
        let brackets = String(repeating: "[", count: 5_000_000)
        #expect(error(brackets)?.reason == .tooDeep(limit: 1000))
    }

    @Test func sizeAndStringLimitsAreEnforced() {
        let limits = JSONParserLimits(maxDepth: 10, maxBytes: 64, maxStringBytes: 8)
        #expect(error("[" + String(repeating: "1,", count: 40) + "1]", limits: limits)?.reason == .tooLarge(limit: 64))
        #expect(error(#"["12345678"]"#, limits: limits) == nil)
        #expect(error(#"["123456789"]"#, limits: limits) == JSONParseError(.stringTooLong(limit: 8), at: 1))
        #expect(error(#"["1234567\n8"]"#, limits: limits)?.reason == .stringTooLong(limit: 8))
    }

    @Test func largeValidInputsParse() throws {
        let long = String(repeating: "x", count: 3_000_000)
        #expect(try parse("[\"\(long)\"]")[0]?.stringValue?.utf8.count == 3_000_000)
        let wide = "[" + Array(repeating: "1", count: 200_000).joined(separator: ",") + "]"
        #expect(try parse(wide).arrayValue?.count == 200_000)
    }

    @Test func randomValuesSurviveSerializeThenParse() throws {
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<300 {
            let value = RandomJSON.document(using: &generator)
            let bytes = value.serialized()
            #expect(try JSON(parsing: bytes) == value, "\(value)")
        }
    }

    @Test func randomBytesEitherFailCleanlyOrParseToAStableValue() throws {
        var generator = SplitMix64(seed: 7)
        let alphabet = Array(#"[]{}:,"\ 0123456789.eE+-abcdefnrtul"#.utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xA9, 0xFF]
        var parsed = 0
        for _ in 0..<20000 {
            let length = Int.random(in: 0..<12, using: &generator)
            let bytes = [UInt8(ascii: "[")] + (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            guard let value = try? JSON(parsing: bytes) else { continue }
            parsed += 1
            #expect(try JSON(parsing: value.serialized()) == value, "\(bytes)")
            #expect(try JSON(parsing: value.serialized()).serialized() == value.serialized())
        }
        #expect(parsed > 0)
    }
}
