import NIOCore
import NIOEmbedded
import Testing
@testable import OVSDB

@Suite struct JSONRPCFramerTests {
    private func channel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(JSONRPCFramer()))
        return channel
    }

    private func buffer(_ text: String) -> ByteBuffer {
        ByteBuffer(string: text)
    }

    @Test func messagesSplitAtEveryByteArriveWhole() throws {
        let text = #"{"method":"echo","params":[1,"}"],"id":"a"} {"id":7,"result":{"x":[]},"error":null}"#
        let bytes = Array(text.utf8)
        for split in 1..<bytes.count {
            let channel = try channel()
            try channel.writeInbound(ByteBuffer(bytes: bytes[..<split]))
            try channel.writeInbound(ByteBuffer(bytes: bytes[split...]))
            let first = try channel.readInbound(as: JSONRPCMessage.self)
            let second = try channel.readInbound(as: JSONRPCMessage.self)
            #expect(first == .request(method: "echo", params: [1, "}"], id: "a"))
            #expect(second == .reply(result: ["x": []], id: 7))
            #expect(try channel.readInbound(as: JSONRPCMessage.self) == nil)
            _ = try channel.finish()
        }
    }

    @Test func malformedJSONIsAnError() throws {
        let channel = try channel()
        #expect(throws: JSONParseError.self) { try channel.writeInbound(self.buffer(#"{"id":1,]"#)) }
    }

    @Test func messagesBeforeMalformedInputInTheSameChunkArriveFirst() throws {
        let channel = try channel()
        #expect(throws: JSONParseError.self) {
            try channel.writeInbound(self.buffer(#"{"method":"echo","params":[],"id":1}"# + "\u{0}"))
        }
        #expect(try channel.readInbound(as: JSONRPCMessage.self) == .request(method: "echo", params: [], id: 1))
    }

    @Test func aValidObjectThatIsNotAMessageIsAnError() throws {
        let channel = try channel()
        #expect(throws: JSONRPCMessageError.paramsNotArray) {
            try channel.writeInbound(self.buffer(#"{"method":"echo","params":{},"id":1}"#))
        }
    }

    @Test func oversizedMessageIsAnError() throws {
        let channel = EmbeddedChannel()
        let limits = JSONParserLimits(maxDepth: 10, maxBytes: 64, maxStringBytes: 64)
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(JSONRPCFramer(limits: limits)))
        let big = #"{"method":"echo","params":[""# + String(repeating: "x", count: 100) + #""],"id":1}"#
        #expect(throws: JSONParseError.self) { try channel.writeInbound(self.buffer(big)) }
    }

    @Test func closeInTheMiddleOfAMessageIsAnError() throws {
        let channel = try channel()
        try channel.writeInbound(buffer(#"{"method":"echo","par"#))
        #expect(throws: JSONRPCFramerError.truncatedMessage) { _ = try channel.finish() }
    }

    @Test func writtenMessagesReadBackThroughTheFramer() throws {
        let channel = try channel()
        let messages: [JSONRPCMessage] = [
            .request(method: "transact", params: ["OVN_Southbound", ["op": "select"]], id: 3),
            .notification(method: "update2", params: ["m", [:]]),
            .error(error: "unknown method", id: 4),
        ]
        var buffer = ByteBuffer()
        for message in messages { buffer.writeJSONRPCMessage(message) }
        try channel.writeInbound(buffer)
        for message in messages {
            #expect(try channel.readInbound(as: JSONRPCMessage.self) == message)
        }
    }
}
