import NIOCore
import OVSDB

/// The channel handler behind ``RawJSONRPCClient``: writes requests, counts the bytes
/// and JSON-RPC frames that come back, and completes each request when its reply
/// arrives, without parsing the large frames nobody needs.
///
/// Inbound bytes go through a ``JSONBoundaryFramer``, which only finds where each frame
/// ends. A frame of at most ``smallFrameLimit`` bytes, or any frame while a request
/// wants its reply parsed, is kept whole and parsed as a ``JSONRPCMessage``: the
/// server's `echo` requests are answered (as OVS clients do, RFC 7047 section 4.1.11)
/// and replies are matched to requests by id. A larger frame is only counted; it keeps
/// its first and last ``RawFrameSniffer/window`` bytes, where a reply's short `id`
/// member must be (a reply has just `id`, `result` and `error`), and is matched to a
/// pending request whose id appears there.
///
/// Used only on its channel's event loop.
final class FrameCountingHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = PendingRequest
    typealias OutboundOut = ByteBuffer

    /// Frames up to this size are always parsed.
    static let smallFrameLimit = 1 << 16

    private var framer: JSONBoundaryFramer
    private var pending: [String: Waiting] = [:]
    /// Bytes received before the chunk being scanned.
    private var receivedBytes = 0
    private var receivedFrames = 0
    private var frame = FrameBuffer()

    /// A request waiting for its reply, with the counters when it was sent.
    private struct Waiting {
        var request: PendingRequest
        var bytesAtSend: Int
        var framesAtSend: Int
        var sentAt: ContinuousClock.Instant
    }

    init(limits: JSONParserLimits) {
        framer = JSONBoundaryFramer(limits: limits)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        pending[request.id] = Waiting(request: request, bytesAtSend: receivedBytes, framesAtSend: receivedFrames,
                                      sentAt: .now)
        context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: request.bytes)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        do {
            try buffer.withUnsafeReadableBytes { chunk in try scan(chunk, context: context) }
        } catch {
            failAll(.protocolViolation("\(error)"))
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(.connectionClosed(receivedBytes: receivedBytes))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        failAll(.connectionFailed("\(error)"))
        context.close(promise: nil)
    }

    /// Fails the request `id` if it is still waiting (its deadline passed).
    func expire(_ id: String, after timeout: Duration) {
        pending.removeValue(forKey: id)?.request.promise.fail(RawClientError.timedOut(seconds: timeout.seconds))
    }

    private func scan(_ chunk: UnsafeRawBufferPointer, context: ChannelHandlerContext) throws {
        let boundaries = try framer.feed(chunk)
        for boundary in boundaries {
            frame.append(UnsafeRawBufferPointer(rebasing: chunk[max(0, boundary.end - boundary.length)..<boundary.end]),
                         keepWhole: keepsWholeFrames)
            receivedFrames += 1
            try finishFrame(bytesAtEnd: receivedBytes + boundary.end, context: context)
        }
        let partial = min(framer.partialLength, chunk.count)
        if partial > 0 {
            frame.append(UnsafeRawBufferPointer(rebasing: chunk[(chunk.count - partial)...]), keepWhole: keepsWholeFrames)
        }
        receivedBytes += chunk.count
    }

    /// True while some request wants its reply parsed, whatever its size.
    private var keepsWholeFrames: Bool {
        pending.values.contains { $0.request.parsesReply }
    }

    private func finishFrame(bytesAtEnd: Int, context: ChannelHandlerContext) throws {
        defer { frame = FrameBuffer() }
        guard let whole = frame.whole else {
            let ids = pending.keys.filter { RawFrameSniffer.carriesID($0, head: frame.head, tail: frame.tail) }
            if let id = ids.first {
                complete(id, result: nil, error: nil, replyBytes: frame.length, bytesAtEnd: bytesAtEnd)
            }
            return
        }
        switch try JSONRPCMessage(json: JSON(parsing: whole)) {
        case .request(method: "echo", let params, let id):
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(
                bytes: JSONRPCMessage.reply(result: .array(params), id: id).json.serialized())), promise: nil)
        case .reply(let result, .string(let id)):
            complete(id, result: result, error: nil, replyBytes: whole.count, bytesAtEnd: bytesAtEnd)
        case .error(let error, .string(let id)):
            complete(id, result: nil, error: error, replyBytes: whole.count, bytesAtEnd: bytesAtEnd)
        case .request, .notification, .reply, .error:
            break
        }
    }

    private func complete(_ id: String, result: JSON?, error: JSON?, replyBytes: Int, bytesAtEnd: Int) {
        let head = frame.head
        guard let waiting = pending.removeValue(forKey: id) else { return }
        waiting.request.promise.succeed(RawReply(
            result: result, error: error, bytes: bytesAtEnd - waiting.bytesAtSend,
            frames: receivedFrames - waiting.framesAtSend, replyBytes: replyBytes, sentBytes: waiting.request.bytes.count,
            head: head, elapsed: .now - waiting.sentAt))
    }

    private func failAll(_ error: RawClientError) {
        let waiting = pending.values
        pending = [:]
        for entry in waiting { entry.request.promise.fail(error) }
    }
}

/// A request on its way to the handler: its bytes, its id (a string) and where its
/// reply goes.
struct PendingRequest: Sendable {
    var id: String
    var bytes: [UInt8]
    /// Parse the reply however large it is (otherwise large replies are only counted).
    var parsesReply: Bool
    var promise: EventLoopPromise<RawReply>
}

/// The frame being received: whole while it is small or must be parsed, otherwise just
/// its first and last bytes.
private struct FrameBuffer {
    private(set) var head: [UInt8] = []
    private(set) var tail: [UInt8] = []
    private(set) var length = 0
    private var bytes: [UInt8] = []
    private var isWhole = true

    /// The frame's bytes, if they were all kept.
    var whole: [UInt8]? { isWhole ? bytes : nil }

    mutating func append(_ segment: UnsafeRawBufferPointer, keepWhole: Bool) {
        let window = RawFrameSniffer.window
        if head.count < window {
            head.append(contentsOf: segment.prefix(window - head.count))
        }
        if segment.count >= window {
            tail = Array(segment.suffix(window))
        } else {
            tail = Array((tail + segment).suffix(window))
        }
        length += segment.count
        if isWhole, !keepWhole, length > FrameCountingHandler.smallFrameLimit {
            isWhole = false
            bytes = []
        }
        if isWhole { bytes.append(contentsOf: segment) }
    }
}
