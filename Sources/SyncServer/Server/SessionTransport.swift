import NIOCore

/// How the database loop reaches a session's connection: hand over messages in order,
/// let a paused reader go on, close. Implemented over a NIO ``Channel`` by
/// ``ChannelTransport``.
protocol SessionTransport: Sendable {
    /// Writes `messages`, in order, and flushes.
    func send(_ messages: [OutboundMessage])
    /// Asks the connection to read again after it paused because too many of its
    /// requests were waiting for the database loop.
    func resumeReading()
    /// Closes the connection.
    func close()
}

/// A ``SessionTransport`` over a channel whose pipeline ends in a ``SessionHandler``.
///
/// Called on the database loop; each call hops to the channel's event loop once (or
/// writes at once when the channel lives on the database loop), so messages from one
/// turn of the database loop reach the socket in order and in one flush; a close never
/// overtakes them.
struct ChannelTransport: SessionTransport {
    /// The client's channel.
    let channel: Channel

    func send(_ messages: [OutboundMessage]) {
        let channel = channel
        guard channel.eventLoop.inEventLoop else {
            channel.eventLoop.execute { Self.write(messages, to: channel) }
            return
        }
        Self.write(messages, to: channel)
    }

    private static func write(_ messages: [OutboundMessage], to channel: Channel) {
        for message in messages {
            channel.write(message, promise: nil)
        }
        channel.flush()
    }

    func resumeReading() {
        let channel = channel
        channel.eventLoop.execute { channel.read() }
    }

    /// Closes the channel after the messages already handed over (always through the
    /// channel's loop, so a close never overtakes them).
    func close() {
        let channel = channel
        channel.eventLoop.execute { channel.close(promise: nil) }
    }
}
