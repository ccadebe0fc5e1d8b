import OVSDB

/// Why a ``SyncClient`` call failed. Each case says what a caller needs to act on it.
public enum SyncClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The configuration cannot work; the text says what to change.
    case invalidConfiguration(String)
    /// The call needs a monitored database and the client is not monitoring one right
    /// now (connecting, resynchronising or waiting to reconnect); wait for
    /// ``SyncClient/waitForSync()`` and try again.
    case notConnected
    /// The connection was lost after the request was sent: it may or may not have been
    /// carried out (a transaction may have committed). Look at the replica after the
    /// next sync before retrying.
    case disconnected
    /// The client was shut down.
    case shutDown
    /// The server answered the request with a JSON-RPC error (for example
    /// `"unknown database"`); `error` is what it sent, usually an OVSDB error object.
    case requestFailed(method: String, error: JSON)
    /// A transaction's operation failed, so nothing of it was committed (RFC 7047 section
    /// 4.1.3): `index` is the failing operation (or the operation count for an error
    /// found at commit time), `error` the server's error, `results` the whole result
    /// array.
    case operationFailed(index: Int, error: OVSDBError, results: [JSON])
    /// The server's reply does not have the shape the method defines.
    case malformedReply(method: String, details: String)
    /// The table is not one the client monitors.
    case unknownTable(String)
    /// A monitor condition does not parse against the table's schema.
    case invalidCondition(table: String, error: OVSDBError)

    /// The error in words.
    public var description: String {
        switch self {
        case .invalidConfiguration(let details): return "invalid configuration: \(details)"
        case .notConnected: return "not connected to a monitored database"
        case .disconnected: return "the connection was lost before the reply arrived"
        case .shutDown: return "the client was shut down"
        case .requestFailed(let method, let error): return "\(method) failed: \(error)"
        case .operationFailed(let index, let error, _): return "operation \(index) failed: \(error)"
        case .malformedReply(let method, let details): return "malformed \(method) reply: \(details)"
        case .unknownTable(let table): return "table \(table) is not monitored"
        case .invalidCondition(let table, let error): return "invalid condition for table \(table): \(error)"
        }
    }

    /// The OVSDB error object of a ``requestFailed(method:error:)``, if it is one.
    public var ovsdbError: OVSDBError? {
        switch self {
        case .requestFailed(_, let error): return OVSDBError(json: error)
        case .operationFailed(_, let error, _): return error
        default: return nil
        }
    }
}
