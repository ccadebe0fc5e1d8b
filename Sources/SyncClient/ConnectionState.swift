import Digest
import OVSDB

/// Where a ``SyncClient``'s connection stands, as ``SyncClient/states()`` reports it.
public enum ConnectionState: Sendable, Equatable, CustomStringConvertible {
    /// Not started yet.
    case idle
    /// Opening a connection to a remote.
    case connecting(OVSDBRemote)
    /// Connected, fetching the schema and resynchronising the replica.
    case synchronizing(OVSDBRemote)
    /// The replica is current and updates flow; how it was resynchronised.
    case monitoring(SyncInfo)
    /// Waiting before the next connection attempt, and why the last one ended.
    case waiting(retryAfter: Duration, reason: String)
    /// Shut down for good.
    case stopped

    /// True in ``monitoring(_:)``.
    public var isMonitoring: Bool {
        if case .monitoring = self { return true }
        return false
    }

    /// The state in words.
    public var description: String {
        switch self {
        case .idle: return "idle"
        case .connecting(let remote): return "connecting to \(remote)"
        case .synchronizing(let remote): return "synchronizing with \(remote)"
        case .monitoring(let info): return "monitoring \(info.remote) (\(info.method))"
        case .waiting(let delay, let reason): return "waiting \(delay) to reconnect (\(reason))"
        case .stopped: return "stopped"
        }
    }
}

/// How the replica was brought up to date on the current connection.
public struct SyncInfo: Sendable, Equatable {
    /// The server.
    public let remote: OVSDBRemote
    /// The method that worked.
    public let method: ResyncMethod
}

/// The request that resynchronised the replica, the first that the server accepted in
/// the order the client tries them (digest, `monitor_cond_since`, `monitor_cond`,
/// `monitor`; server-client.md section 10.2).
public enum ResyncMethod: Sendable, Equatable, CustomStringConvertible {
    /// A digest exchange (Docs/digest-protocol.md) and how it ended.
    case digest(DigestResult)
    /// `monitor_cond_since`; `found` false means a full snapshot came.
    case monitorCondSince(found: Bool)
    /// `monitor_cond`: a full snapshot, then `update2`.
    case monitorCond
    /// `monitor`: a full snapshot without conditions, then `update`.
    case monitor

    /// The method in words.
    public var description: String {
        switch self {
        case .digest(let result): return "digest_resync: \(result)"
        case .monitorCondSince(let found): return "monitor_cond_since found=\(found)"
        case .monitorCond: return "monitor_cond"
        case .monitor: return "monitor"
        }
    }
}

/// How a digest exchange ended.
public enum DigestResult: Sendable, Equatable, CustomStringConvertible {
    /// The replica was current.
    case inSync
    /// The difference was found: `fetched` rows came, `deleted` rows were dropped.
    case difference(fetched: Int, deleted: Int)
    /// The server sent a full snapshot, and why.
    case full(FullReason)

    /// The result in words.
    public var description: String {
        switch self {
        case .inSync: return "in sync"
        case .difference(let fetched, let deleted): return "\(fetched) rows fetched, \(deleted) deleted"
        case .full(let reason): return "full snapshot (\(reason.rawValue))"
        }
    }
}
