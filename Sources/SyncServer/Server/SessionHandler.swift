import Logging
import NIOCore
import OVSDB

/// The last handler of a client connection's pipeline, after the ``OVSDB/JSONRPCFramer``:
/// hands every decoded message to the database loop in arrival order, and writes what
/// the database loop sends back, bounding both directions.
///
/// - Inbound: at most ``SessionLimits/maxPendingMessages`` messages wait for the
///   database loop (``SessionFlow``); beyond that, and while the channel is not
///   writable, the connection is not read (OVS stops reading a session with unsent
///   output too).
/// - Outbound: the bytes written but not yet sent are counted; when those beyond the
///   monitor replies in flight (the initial rows, however large) exceed
///   ``SessionLimits/maxBacklogBytes``, the client is too slow and is disconnected with
///   a log line, so it never holds memory or other clients back.
/// - Malformed input (a framing, JSON or JSON-RPC error) closes the connection without a
///   reply, after the messages before it are answered, as OVS does.
/// - On TCP and TLS connections an inactivity probe (``SessionLimits/inactivityProbe``)
///   sends `echo` after that long without input or output progress and disconnects
///   after as long again, as `ovsdb-server` does every 5 s.
final class SessionHandler: ChannelDuplexHandler {
    typealias InboundIn = JSONRPCMessage
    typealias OutboundIn = OutboundMessage
    typealias OutboundOut = ByteBuffer

    private let core: ServerCoreHandle
    private let id: SessionID
    private let limits: SessionLimits
    private let flow: SessionFlow
    private let logger: Logger
    private var transport: ChannelTransport?
    private var peer = "unknown"
    private var unsentBytes = 0
    private var unsentReplyBytes = 0
    private var readPending = false
    private var isClosing = false
    private var lastActivity = NIODeadline.uptimeNanoseconds(0)
    private var probeSent: NIODeadline?
    private var probeTask: RepeatedTask?

    /// A handler for connection `id` of `core`.
    init(core: ServerCoreHandle, id: SessionID, limits: SessionLimits, logger: Logger) {
        self.core = core
        self.id = id
        self.limits = limits
        self.logger = logger
        flow = SessionFlow(limit: limits.maxPendingMessages)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    private func start(_ context: ChannelHandlerContext) {
        guard transport == nil else { return }
        peer = Self.describe(context.channel.remoteAddress, scheme: limits.scheme)
        lastActivity = context.eventLoop.now
        let transport = ChannelTransport(channel: context.channel)
        self.transport = transport
        core.open(id, peer: peer, transport: transport)
        startProbe(context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        probeTask?.cancel()
        probeTask = nil
        core.close(id)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !isClosing, let transport else { return }
        flow.submitted()
        core.receive(unwrapInboundIn(data), from: id, flow: flow, transport: transport)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        noteActivity(at: context.eventLoop.now)
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !isClosing else { return }
        isClosing = true
        switch error {
        case let error as JSONParseError:
            logger.warning("\(peer): error parsing stream: \(error), disconnecting", metadata: ["session": "\(id)"])
        case let error as JSONRPCMessageError:
            logger.warning("\(peer): received bad JSON-RPC message: \(error), disconnecting", metadata: ["session": "\(id)"])
        case let error as JSONRPCFramerError:
            logger.info("\(peer): \(error), disconnecting", metadata: ["session": "\(id)"])
        default:
            logger.info("\(peer): \(error), disconnecting", metadata: ["session": "\(id)"])
        }
        // Through the database loop, so the messages decoded before the error are
        // answered first.
        core.close(id)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let message = unwrapOutboundIn(data)
        let bytes = message.byteCount
        let isReply = message.isMonitorReply
        unsentBytes += bytes
        if isReply { unsentReplyBytes += bytes }
        let written = context.eventLoop.makePromise(of: Void.self)
        let loop = context.eventLoop
        written.futureResult.assumeIsolated().whenComplete { _ in
            self.unsentBytes -= bytes
            if isReply { self.unsentReplyBytes -= bytes }
            self.noteActivity(at: loop.now)
        }
        if let promise { written.futureResult.cascade(to: promise) }
        for (index, buffer) in message.buffers.enumerated() {
            context.write(wrapOutboundOut(buffer), promise: index == message.buffers.count - 1 ? written : nil)
        }
        if message.buffers.isEmpty { written.succeed(()) }
        let backlog = unsentBytes - unsentReplyBytes
        if backlog > limits.maxBacklogBytes && !isClosing {
            isClosing = true
            logger.warning("\(peer): \(backlog) bytes of output are waiting for a client that reads too slowly (limit \(limits.maxBacklogBytes)), disconnecting",
                           metadata: ["session": "\(id)"])
            context.close(promise: nil)
        }
    }

    func read(context: ChannelHandlerContext) {
        if !isClosing && context.channel.isWritable && flow.mayRead() {
            readPending = false
            context.read()
        } else {
            readPending = true
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable && readPending { read(context: context) }
        context.fireChannelWritabilityChanged()
    }

    private func noteActivity(at now: NIODeadline) {
        lastActivity = now
        probeSent = nil
    }

    /// Every quarter of the probe interval: sends `echo` after an idle interval,
    /// disconnects when an interval passed since without activity.
    private func startProbe(_ context: ChannelHandlerContext) {
        guard let interval = limits.inactivityProbe else { return }
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        let tick = TimeAmount.nanoseconds(max(interval.nanoseconds / 4, TimeAmount.milliseconds(10).nanoseconds))
        probeTask = context.eventLoop.scheduleRepeatedTask(initialDelay: tick, delay: tick) { _ in
            bound.value.handler.checkActivity(bound.value.context, interval: interval)
        }
    }

    private func checkActivity(_ context: ChannelHandlerContext, interval: TimeAmount) {
        guard !isClosing else { return }
        let now = context.eventLoop.now
        if let probeSent {
            guard now - probeSent >= interval else { return }
            isClosing = true
            logger.info("\(peer): no response to inactivity probe after \(interval.nanoseconds / 1_000_000) ms, disconnecting",
                        metadata: ["session": "\(id)"])
            context.close(promise: nil)
        } else if now - lastActivity >= interval {
            probeSent = now
            for buffer in Envelope.call("echo", params: [], id: "echo").buffers {
                context.write(wrapOutboundOut(buffer), promise: nil)
            }
            context.flush()
        }
    }

    /// The peer as logs show it: `unix`, or `<scheme>:<address>:<port>`.
    static func describe(_ address: SocketAddress?, scheme: String) -> String {
        guard let address else { return scheme }
        switch address {
        case .unixDomainSocket: return "unix"
        case .v4, .v6:
            let host = address.ipAddress ?? "?"
            let port = address.port.map(String.init) ?? "?"
            return host.contains(":") ? "\(scheme):[\(host)]:\(port)" : "\(scheme):\(host):\(port)"
        }
    }
}

/// The bounds a ``SessionHandler`` applies to one connection.
struct SessionLimits: Sendable {
    /// Unsent output beyond the monitor replies in flight that disconnects a client.
    var maxBacklogBytes: Int
    /// Received messages waiting for the database loop before reading stops.
    var maxPendingMessages: Int
    /// The inactivity probe interval; nil for none (unix sockets).
    var inactivityProbe: TimeAmount?
    /// `tcp` or `ssl`, for log lines.
    var scheme: String
}
