import OVSDB

/// The reply to one request of a ``RawJSONRPCClient``, with what arrived meanwhile.
public struct RawReply: Sendable {
    /// The reply's `result`: nil for an error reply, and for a large reply the client
    /// only counted (see ``RawJSONRPCClient/call(_:_:parseReply:timeout:)``).
    public var result: JSON?
    /// The reply's `error`, if it is an error reply.
    public var error: JSON?
    /// Bytes received from sending the request to the last byte of its reply, the
    /// reply and any notifications or other replies in between included.
    public var bytes: Int
    /// JSON-RPC frames received in that span, the reply included.
    public var frames: Int
    /// Size of the reply frame alone.
    public var replyBytes: Int
    /// Size of the request as sent (its JSON-RPC text).
    public var sentBytes: Int
    /// The reply frame's first bytes (up to 256), kept even when the reply was only
    /// counted: enough to tell `monitor_cond_since`'s `found` flag.
    public var head: [UInt8]
    /// Time from handing the request to the channel to receiving its reply's last byte.
    public var elapsed: Duration
}

/// Why a ``RawJSONRPCClient`` request failed.
public enum RawClientError: Error, Sendable, CustomStringConvertible {
    /// The remote is not `unix:` or `tcp:`.
    case unsupportedRemote(String)
    /// The connection could not be made or broke.
    case connectionFailed(String)
    /// The server closed the connection before the reply came.
    case connectionClosed(receivedBytes: Int)
    /// The server sent something that is not JSON-RPC; the connection was closed.
    case protocolViolation(String)
    /// No reply within the request's timeout.
    case timedOut(seconds: Double)
    /// The server answered the request with an error.
    case requestFailed(method: String, error: JSON)
    /// A transaction's result holds an error (RFC 7047 section 4.1.3).
    case transactionFailed(JSON)

    /// What went wrong.
    public var description: String {
        switch self {
        case .unsupportedRemote(let remote): return "\(remote): the raw client connects only to unix: and tcp: remotes"
        case .connectionFailed(let reason): return "connection failed: \(reason)"
        case .connectionClosed(let bytes): return "the server closed the connection (after \(bytes) bytes)"
        case .protocolViolation(let reason): return "the server broke the JSON-RPC framing: \(reason)"
        case .timedOut(let seconds): return "no reply within \(seconds) s"
        case .requestFailed(let method, let error): return "\(method) failed: \(error)"
        case .transactionFailed(let result): return "transaction failed: \(String(describing: result).prefix(2000))"
        }
    }
}
