import Testing
@testable import OVSDB
import OVSTestSupport
import BenchmarkSupport

@Suite struct JSONBoundaryFramerTests {
    /// Feeds `chunks` to a boundary framer and rebuilds each value's bytes from the
    /// reported ends and lengths alone.
    private func reassemble(_ chunks: [ArraySlice<UInt8>], limits: JSONParserLimits = .default)
        throws(JSONParseError) -> (values: [[UInt8]], lengths: [Int])
    {
        var framer = JSONBoundaryFramer(limits: limits)
        var values: [[UInt8]] = []
        var lengths: [Int] = []
        var current: [UInt8] = []
        for slice in chunks {
            let chunk = Array(slice)
            for boundary in try framer.feed(chunk) {
                current += chunk[max(0, boundary.end - boundary.length)..<boundary.end]
                values.append(current)
                lengths.append(boundary.length)
                current = []
            }
            current += chunk[(chunk.count - min(framer.partialLength, chunk.count))...]
            #expect(current.count == framer.partialLength)
        }
        return (values, lengths)
    }

    private func randomStream(using generator: inout SplitMix64) -> (messages: [JSON], bytes: [UInt8]) {
        var messages: [JSON] = []
        var bytes: [UInt8] = []
        for _ in 0..<40 {
            let message = RandomJSON.document(using: &generator)
            messages.append(message)
            bytes += Array(String(repeating: " \n", count: Int.random(in: 0...2, using: &generator)).utf8)
            message.serialize(into: &bytes)
        }
        return (messages, bytes)
    }

    @Test func boundariesOfRandomChunkingsDelimitTheValuesTheFullFramerParses() throws {
        var generator = SplitMix64(seed: 7)
        let (messages, bytes) = randomStream(using: &generator)
        for _ in 0..<200 {
            var cuts = (0..<Int.random(in: 1...12, using: &generator)).map { _ in Int.random(in: 0...bytes.count, using: &generator) }
            cuts = [0] + cuts.sorted() + [bytes.count]
            let chunks = zip(cuts, cuts.dropFirst()).map { bytes[$0..<$1] }
            var full = JSONStreamFramer()
            var parsed: [JSON] = []
            for chunk in chunks { parsed += try full.feed(Array(chunk)) }
            let (values, lengths) = try reassemble(chunks)
            #expect(parsed == messages)
            #expect(try values.map { try JSON(parsing: $0) } == parsed)
            #expect(lengths == messages.map { $0.serialized().count })
        }
    }

    @Test func byteAtATimeFeedingReportsEachEndWhereTheFullFramerCompletesAValue() throws {
        var generator = SplitMix64(seed: 8)
        let bytes = randomStream(using: &generator).bytes
        var boundaries = JSONBoundaryFramer()
        var full = JSONStreamFramer()
        for byte in bytes {
            let ended = try boundaries.feed([byte])
            let completed = try full.feed([byte])
            #expect(ended.count == completed.count)
            #expect(ended.allSatisfy { $0.end == 1 })
            #expect(boundaries.hasPartialValue == full.hasPartialValue)
        }
    }

    @Test func structuralErrorsMatchTheFullFramerAndPoisonTheFramer() throws {
        let cases: [(String, JSONParserLimits)] = [
            ("[1] \n [] 42", .default), ("@", .default), ("[] [[[[", JSONParserLimits(maxDepth: 3)),
            ("[\"0123456789abcd\"]", JSONParserLimits(maxBytes: 16)), ("[\"0123456789abcdef", JSONParserLimits(maxBytes: 16)),
        ]
        for (text, limits) in cases {
            var boundaries = JSONBoundaryFramer(limits: limits)
            var full = JSONStreamFramer(limits: limits)
            let expected = try #require(throws: JSONParseError.self) { _ = try full.feed(Array(text.utf8)) }
            #expect(throws: expected) { _ = try boundaries.feed(Array(text.utf8)) }
            #expect(throws: expected) { _ = try boundaries.feed(Array("[]".utf8)) }
        }
    }

    @Test func malformedContentIsNotCheckedInsideAValue() throws {
        var framer = JSONBoundaryFramer()
        #expect(try framer.feed(Array("[x] {\"a\":01}".utf8)) == [.init(end: 3, length: 3), .init(end: 12, length: 8)])
    }

    @Test func aTruncatedStreamLeavesAPartialValueOfKnownLength() throws {
        var framer = JSONBoundaryFramer()
        #expect(try framer.feed(Array("[1] {\"a\": [1, 2".utf8)) == [.init(end: 3, length: 3)])
        #expect(framer.hasPartialValue)
        #expect(framer.partialLength == 11)
        #expect(try framer.feed(Array("]}".utf8)) == [.init(end: 2, length: 13)])
        #expect(framer.partialLength == 0)
    }
}
