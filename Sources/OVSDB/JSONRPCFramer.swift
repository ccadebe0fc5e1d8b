import NIOCore

/// The first handler of every OVSDB channel, server and client: turns inbound bytes into
/// ``JSONRPCMessage``s (RFC 7047 section 4: JSON-RPC objects back to back, no length
/// prefix).
///
/// It feeds each chunk to a ``JSONStreamFramer``, which scans every byte once to find
/// where a value ends, then reads each completed value as a message. Malformed JSON, a
/// value over the framer's limits, a value that is not a valid JSON-RPC message, and a
/// connection closed in the middle of a value are all errors that reach the pipeline's
/// `errorCaught`: the session closes the connection, as Open vSwitch does (EPROTO). The
/// messages that ended before the bad input in the same chunk are forwarded first.
/// Wrap it in a `ByteToMessageHandler`.
public struct JSONRPCFramer: ByteToMessageDecoder {
    /// Each decoded message.
    public typealias InboundOut = JSONRPCMessage

    private var framer: JSONStreamFramer

    /// A framer that enforces `limits` on each message (its size, nesting and strings).
    public init(limits: JSONParserLimits = .default) {
        framer = JSONStreamFramer(limits: limits)
    }

    /// Consumes every readable byte and forwards each message that ended in them.
    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard buffer.readableBytes > 0 else { return .needMoreData }
        var values: [JSON] = []
        var failure: JSONParseError?
        do {
            try buffer.withUnsafeReadableBytes { bytes throws(JSONParseError) in try framer.feed(bytes, into: &values) }
        } catch {
            failure = error
        }
        buffer.moveReaderIndex(to: buffer.writerIndex)
        for value in values {
            context.fireChannelRead(wrapInboundOut(try JSONRPCMessage(json: value)))
        }
        if let failure { throw failure }
        return .needMoreData
    }

    /// Decodes what is left when the connection closes; a message cut off by the close
    /// is an error.
    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer,
                                    seenEOF: Bool) throws -> DecodingState {
        _ = try decode(context: context, buffer: &buffer)
        if seenEOF, framer.hasPartialValue {
            throw JSONRPCFramerError.truncatedMessage
        }
        return .needMoreData
    }
}

/// A framing failure that is not a JSON syntax or JSON-RPC shape error.
public enum JSONRPCFramerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The peer closed the connection in the middle of a message.
    case truncatedMessage

    /// What happened.
    public var description: String {
        switch self {
        case .truncatedMessage: return "connection closed in the middle of a JSON-RPC message"
        }
    }
}

extension ByteBuffer {
    /// Appends the compact serialization of `message`, as ``JSONRPCMessage/serialize(into:)``
    /// writes it: how servers and clients put messages on the wire.
    public mutating func writeJSONRPCMessage(_ message: JSONRPCMessage) {
        var bytes: [UInt8] = []
        message.serialize(into: &bytes)
        writeBytes(bytes)
    }
}
