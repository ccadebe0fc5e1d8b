import NIOCore
import OVSDB

/// The last handler of a client connection: passes the messages the ``JSONRPCFramer``
/// decodes to the client, takes care of keepalive itself, and reports the connection's
/// end once, with a reason.
///
/// Keepalive is OVS's inactivity probe (server-client.md section 9.1): an
/// `IdleStateHandler` in front of the framer reports silence (any received byte counts
/// as activity); the first silence sends `{"id":"echo","method":"echo","params":[]}`,
/// a second one in a row closes the connection. An `echo` request from the server is
/// answered with its params; a reply whose id is `"echo"` is the answer to our probe and
/// goes no further.
final class ClientChannelHandler: ChannelInboundHandler {
    typealias InboundIn = JSONRPCMessage
    typealias OutboundOut = ByteBuffer

    /// What the handler reports to the client.
    enum Event {
        /// A message for the protocol state machine.
        case message(JSONRPCMessage)
        /// The connection ended, and why.
        case closed(String)
    }

    private let onEvent: (Event) -> Void
    private var probing = false
    private var closeReason: String?

    /// A handler that reports to `onEvent`, on the channel's event loop.
    init(onEvent: @escaping (Event) -> Void) {
        self.onEvent = onEvent
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        probing = false
        let message = unwrapInboundIn(data)
        switch message {
        case .request(let method, let params, let id) where method == "echo":
            Self.write(.reply(result: .array(params), id: id), context: context)
        case .reply(_, let id) where id == "echo", .error(_, let id) where id == "echo":
            return
        default:
            onEvent(.message(message))
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        if probing {
            closeReason = closeReason ?? "no response to inactivity probe"
            context.close(promise: nil)
        } else {
            probing = true
            Self.write(.request(method: "echo", params: [], id: "echo"), context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        closeReason = closeReason ?? "\(error)"
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        onEvent(.closed(closeReason ?? "closed by the server"))
        context.fireChannelInactive()
    }

    private static func write(_ message: JSONRPCMessage, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: 64)
        buffer.writeJSONRPCMessage(message)
        context.writeAndFlush(NIOAny(buffer), promise: nil)
    }
}
