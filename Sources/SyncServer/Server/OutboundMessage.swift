import NIOCore

/// One JSON-RPC message on its way from the database loop to a client's channel: its
/// bytes, in one or more buffers, so that an update body shared by many sessions sits
/// between each session's own envelope pieces without being copied.
struct OutboundMessage: Sendable {
    /// The message's bytes, in order.
    var buffers: [ByteBuffer]
    /// True for the reply to a monitor request (the initial rows): its bytes do not
    /// count against the session's backlog bound while they are in flight.
    var isMonitorReply = false

    /// The total size in bytes.
    var byteCount: Int {
        buffers.reduce(0) { $0 + $1.readableBytes }
    }
}
