import NIOCore
import NIOEmbedded
import OVSDB
import Testing
@testable import SyncClient

/// The channel handler on an `EmbeddedChannel`: echo answered, probe replies swallowed,
/// inactivity probe and give-up, one close report with its reason.
@Suite struct ClientChannelHandlerTests {
    final class Events {
        var messages: [JSONRPCMessage] = []
        var closes: [String] = []
    }

    static func channel() throws -> (EmbeddedChannel, Events) {
        let events = Events()
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ClientChannelHandler { event in
            switch event {
            case .message(let message): events.messages.append(message)
            case .closed(let reason): events.closes.append(reason)
            }
        })
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return (channel, events)
    }

    static func written(_ channel: EmbeddedChannel) throws -> [JSON] {
        var values: [JSON] = []
        while var buffer = try channel.readOutbound(as: ByteBuffer.self) {
            values.append(try JSON(parsing: buffer.readBytes(length: buffer.readableBytes) ?? []))
        }
        return values
    }

    @Test func echoRequestsAreAnsweredAndProbeRepliesSwallowed() throws {
        let (channel, events) = try Self.channel()
        try channel.writeInbound(JSONRPCMessage.request(method: "echo", params: ["a", 1], id: [5]))
        #expect(try Self.written(channel) == [["result": ["a", 1], "error": nil, "id": [5]]])
        try channel.writeInbound(JSONRPCMessage.reply(result: [], id: "echo"))
        try channel.writeInbound(JSONRPCMessage.reply(result: [], id: 3))
        #expect(events.messages == [.reply(result: [], id: 3)])
    }

    @Test func silenceSendsAProbeThenGivesUp() throws {
        let (channel, events) = try Self.channel()
        channel.pipeline.fireUserInboundEventTriggered(IdleStateHandler.IdleStateEvent.read)
        #expect(try Self.written(channel) == [["method": "echo", "params": [], "id": "echo"]])
        try channel.writeInbound(JSONRPCMessage.reply(result: [], id: "echo"))
        channel.pipeline.fireUserInboundEventTriggered(IdleStateHandler.IdleStateEvent.read)
        #expect(channel.isActive)
        _ = try Self.written(channel)
        channel.pipeline.fireUserInboundEventTriggered(IdleStateHandler.IdleStateEvent.read)
        #expect(!channel.isActive)
        #expect(events.closes == ["no response to inactivity probe"])
    }

    @Test func errorsCloseWithTheirReasonOnce() throws {
        let (channel, events) = try Self.channel()
        channel.pipeline.fireErrorCaught(JSONRPCFramerError.truncatedMessage)
        #expect(!channel.isActive)
        #expect(events.closes == ["connection closed in the middle of a JSON-RPC message"])
    }
}
