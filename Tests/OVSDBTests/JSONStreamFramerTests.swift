import Testing
@testable import OVSDB
import OVSTestSupport
import BenchmarkSupport

@Suite struct JSONStreamFramerTests {
    /// Three messages with brackets and escaped quotes inside strings, and whitespace
    /// between and around them.
    private let stream = Array((#" {"method":"echo","params":["[{","\"}]\\"],"id":1}"#
        + "\n\t[1,{\"a\":[]}]\r\n" + #"{"id":"x","result":{"}":"é😀"},"error":null}  "#).utf8)

    private var expected: [JSON] {
        [["method": "echo", "params": ["[{", "\"}]\\"], "id": 1],
         [1, ["a": []]],
         ["id": "x", "result": ["}": "é😀"], "error": nil]]
    }

    private func frame(_ chunks: [ArraySlice<UInt8>], limits: JSONParserLimits = .default) throws(JSONParseError) -> [JSON] {
        var framer = JSONStreamFramer(limits: limits)
        var values: [JSON] = []
        for chunk in chunks {
            values += try framer.feed(Array(chunk))
        }
        #expect(!framer.hasPartialValue)
        return values
    }

    @Test func severalValuesInOneChunkComeOutInOrder() throws {
        #expect(try frame([stream[...]]) == expected)
    }

    @Test func valuesSplitAtEveryByteOffsetAreReassembled() throws {
        for split in 0...stream.count {
            #expect(try frame([stream[..<split], stream[split...]]) == expected, "split at \(split)")
        }
    }

    @Test func byteAtATimeFeedingYieldsEachValueWhenItsLastByteArrives() throws {
        var framer = JSONStreamFramer()
        var arrivals: [Int] = []
        for (offset, byte) in stream.enumerated() {
            if !(try framer.feed([byte])).isEmpty { arrivals.append(offset) }
        }
        let closing = stream.indices.filter { index in
            (try? JSON(parsing: Array(stream[..<(index + 1)]).drop { $0 == 0x20 }.map { $0 })) != nil
        }
        #expect(arrivals.count == 3)
        #expect(arrivals.first == closing.first)
    }

    @Test func randomChunkingsMatchParsingTheMessagesWhole() throws {
        var generator = SplitMix64(seed: 42)
        var messages: [JSON] = []
        var bytes: [UInt8] = []
        for _ in 0..<40 {
            let message = RandomJSON.document(using: &generator)
            messages.append(message)
            message.serialize(into: &bytes)
            bytes += Array(String(repeating: " ", count: Int.random(in: 0...2, using: &generator)).utf8)
        }
        for _ in 0..<200 {
            var cuts = (0..<Int.random(in: 1...12, using: &generator)).map { _ in Int.random(in: 0...bytes.count, using: &generator) }
            cuts = ([0] + cuts.sorted() + [bytes.count])
            let chunks = zip(cuts, cuts.dropFirst()).map { bytes[$0..<$1] }
            #expect(try frame(chunks) == messages)
        }
    }

    @Test func aTopLevelScalarIsRejectedAtItsStreamOffset() {
        var framer = JSONStreamFramer()
        #expect(throws: JSONParseError(.syntaxErrorAtBeginning, at: 9)) {
            _ = try framer.feed(Array("[1] \n [] 42".utf8))
        }
        var other = JSONStreamFramer()
        #expect(throws: JSONParseError(.invalidCharacter(0x40), at: 0)) { _ = try other.feed(Array("@".utf8)) }
    }

    @Test func malformedValuesReportStreamOffsetsAndPoisonTheFramer() throws {
        var framer = JSONStreamFramer()
        #expect(try framer.feed(Array("[1] [2, ".utf8)) == [[1]])
        let failure = JSONParseError(.invalidKeyword("x"), at: 8)
        #expect(throws: failure) { _ = try framer.feed(Array("x]".utf8)) }
        #expect(throws: failure) { _ = try framer.feed(Array("[3]".utf8)) }
    }

    @Test func tooDeepValuesFailBeforeTheyEnd() {
        var framer = JSONStreamFramer(limits: JSONParserLimits(maxDepth: 3))
        #expect(throws: JSONParseError(.tooDeep(limit: 3), at: 6)) {
            _ = try framer.feed(Array("[] [[[[".utf8))
        }
    }

    @Test func oversizedMessagesFailWithTheLimit() throws {
        let limits = JSONParserLimits(maxBytes: 16)
        var framer = JSONStreamFramer(limits: limits)
        #expect(try framer.feed(Array("[\"0123456789ab\"]".utf8)).count == 1)
        #expect(throws: JSONParseError(.tooLarge(limit: 16), at: 16 + 16)) {
            _ = try framer.feed(Array("[\"0123456789".utf8))
            _ = try framer.feed(Array("abcd\"]".utf8))
        }
        var unfinished = JSONStreamFramer(limits: limits)
        #expect(throws: JSONParseError(.tooLarge(limit: 16), at: 16)) {
            _ = try unfinished.feed(Array("[\"0123456789".utf8))
            _ = try unfinished.feed(Array("abcdef".utf8))
        }
        var whole = JSONStreamFramer(limits: limits)
        #expect(throws: JSONParseError(.tooLarge(limit: 16), at: 16)) {
            _ = try whole.feed(Array("[\"0123456789abcd\"]".utf8))
        }
    }

    @Test func aTruncatedStreamLeavesAPartialValue() throws {
        var framer = JSONStreamFramer()
        #expect(try framer.feed(Array("{\"a\": [1, 2".utf8)).isEmpty)
        #expect(framer.hasPartialValue)
    }
}
