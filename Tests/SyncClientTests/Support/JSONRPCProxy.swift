import NIOCore
import NIOPosix
import OVSDB
import OVSTestSupport
import Synchronization

/// A unix-socket proxy in front of a real ovsdb-server for the tests: it records every
/// request method a client sends, answers chosen methods itself with `"unknown method"`
/// (as a server without them would, server-client.md section 2.6), and can cut every
/// connection and refuse new ones for a while (a client "disconnected" while the server
/// runs on).
final class JSONRPCProxy: Sendable {
    let path: String
    private let upstream: String
    private let refused: Set<String>
    private let state = Mutex(State())
    private let listener: any Channel

    private struct State {
        var methods: [String] = []
        var bytesDown = 0
        var paused = false
        var connections: [any Channel] = []
    }

    /// Listens on `path` and forwards to the unix socket `upstream`, answering the
    /// methods in `refusing` with "unknown method".
    static func make(path: String, upstream: String, refusing: Set<String> = []) async throws -> JSONRPCProxy {
        try await offload { try JSONRPCProxy(path: path, upstream: upstream, refusing: refusing) }
    }

    private init(path: String, upstream: String, refusing: Set<String>) throws {
        self.path = path
        self.upstream = upstream
        refused = refusing
        let group = MultiThreadedEventLoopGroup.singleton
        let box = ProxyBox()
        listener = try ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                guard let proxy = box.proxy else { return channel.close() }
                return proxy.accept(channel)
            }
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true).wait()
        box.proxy = self
    }

    /// The remote clients connect to.
    var remote: OVSDBRemote { .unix(path: path) }

    /// Every request method clients sent, in order.
    var methods: [String] { state.withLock { $0.methods } }

    /// Forgets the methods seen so far.
    func clearMethods() {
        state.withLock { $0.methods = [] }
    }

    /// Bytes forwarded from the server to clients since ``clearBytes()``.
    var bytesDown: Int { state.withLock { $0.bytesDown } }

    /// Starts counting ``bytesDown`` again from zero.
    func clearBytes() {
        state.withLock { $0.bytesDown = 0 }
    }

    /// Counts bytes on their way to a client.
    fileprivate func forwardedDown(_ count: Int) {
        state.withLock { $0.bytesDown += count }
    }

    /// Closes every connection and refuses new ones until ``resume()``.
    func pause() {
        let open = state.withLock { state in
            state.paused = true
            defer { state.connections = [] }
            return state.connections
        }
        for channel in open { Self.hangUp(channel) }
    }

    /// Accepts connections again.
    func resume() {
        state.withLock { $0.paused = false }
    }

    func close() {
        pause()
        listener.close(promise: nil)
    }

    deinit {
        listener.close(promise: nil)
    }

    /// Joins `client` to the upstream server, or, while paused or when the server is
    /// away, hangs it up as soon as it is active.
    private func accept(_ client: any Channel) -> EventLoopFuture<Void> {
        let hangUp: @Sendable () -> EventLoopFuture<Void> = {
            client.eventLoop.makeCompletedFuture { try client.pipeline.syncOperations.addHandler(HangUpWhenActive()) }
        }
        let accepted = state.withLock { state in
            if !state.paused { state.connections.append(client) }
            return !state.paused
        }
        guard accepted else { return hangUp() }
        return ClientBootstrap(group: client.eventLoop)
            .channelInitializer { server in
                server.eventLoop.makeCompletedFuture {
                    try server.pipeline.syncOperations.addHandler(ByteForwarder(peer: client, proxy: self))
                }
            }
            .connect(unixDomainSocketPath: upstream)
            .flatMap { server in
                client.eventLoop.makeCompletedFuture {
                    try client.pipeline.syncOperations.addHandler(ByteToMessageHandler(JSONRPCFramer()))
                    try client.pipeline.syncOperations.addHandler(RequestFilter(proxy: self, server: server))
                    client.closeFuture.whenComplete { _ in server.close(promise: nil) }
                }
            }
            .flatMapError { _ in hangUp() }
    }

    /// Closes `channel` so that its peer sees the end at once: `shutdown` first, which
    /// ends the connection even if a child process inherited a copy of the socket
    /// (closing the descriptor alone would not), then `close`.
    static func hangUp(_ channel: any Channel) {
        channel.close(mode: .output, promise: nil)
        channel.close(promise: nil)
    }

    /// Records a request and says whether to answer it here.
    fileprivate func shouldRefuse(_ method: String) -> Bool {
        state.withLock { $0.methods.append(method) }
        return refused.contains(method)
    }
}

/// Lets the child channel initializer reach the proxy once it exists.
private final class ProxyBox: @unchecked Sendable {
    var proxy: JSONRPCProxy?
}

/// Hangs up a connection the proxy does not serve, once it is active.
private final class HangUpWhenActive: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    func channelActive(context: ChannelHandlerContext) {
        JSONRPCProxy.hangUp(context.channel)
    }
}

/// Server to client: bytes as they come, counted; closes the client when the server
/// goes.
private final class ByteForwarder: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let peer: any Channel
    let proxy: JSONRPCProxy

    init(peer: any Channel, proxy: JSONRPCProxy) {
        self.peer = peer
        self.proxy = proxy
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        proxy.forwardedDown(buffer.readableBytes)
        peer.writeAndFlush(buffer, promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        JSONRPCProxy.hangUp(peer)
    }
}

/// Client to server: each message forwarded, or answered with "unknown method".
private final class RequestFilter: ChannelInboundHandler, Sendable {
    typealias InboundIn = JSONRPCMessage
    typealias OutboundOut = ByteBuffer
    let proxy: JSONRPCProxy
    let server: any Channel

    init(proxy: JSONRPCProxy, server: any Channel) {
        self.proxy = proxy
        self.server = server
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        var buffer = context.channel.allocator.buffer(capacity: 256)
        if case .request(let method, _, let id) = message, proxy.shouldRefuse(method) {
            buffer.writeJSONRPCMessage(.error(error: "unknown method", id: id))
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
            return
        }
        buffer.writeJSONRPCMessage(message)
        server.writeAndFlush(buffer, promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
