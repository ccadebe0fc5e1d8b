import Digest
import OVSDB

/// Everything a ``SyncClient`` needs to know: where the server is, which database and
/// which parts of it to replicate, and how to behave on the connection.
///
/// ```swift
/// var configuration = ClientConfiguration(remotes: [try OVSDBRemote(parsing: "unix:/run/ovn/ovnsb_db.sock")],
///                                         database: "OVN_Southbound")
/// configuration.tables["Chassis"] = .all
/// configuration.tables["Port_Binding"] = MonitorRequest(columns: ["logical_port", "chassis"],
///                                                       where: [["chassis", "==", ["uuid", "..."]]])
/// ```
public struct ClientConfiguration: Sendable {
    /// How the client resynchronises on reconnect when the server speaks the digest
    /// protocol (Docs/digest-protocol.md); a server that does not falls back to
    /// `monitor_cond_since` whatever this says.
    public enum DigestMode: String, Hashable, Sendable {
        /// Never offer a digest: always `monitor_cond_since`, as OVS's IDLs do.
        case off
        /// Strata estimator, then an IBF (fewest bytes down).
        case ibf
        /// Rateless coded symbols (one round trip less, more bytes down).
        case rateless
    }

    /// Where a replica is kept between runs (``ReplicaStore``): written atomically at most
    /// once per `interval` while changes arrive, and when the client shuts down.
    public struct Persistence: Hashable, Sendable {
        /// The replica file.
        public var path: String
        /// The shortest time between two writes.
        public var interval: Duration

        /// Keeps the replica at `path`, written at most once per `interval`.
        public init(path: String, interval: Duration = .seconds(1)) {
            self.path = path
            self.interval = interval
        }
    }

    /// The servers to try, in turn (OVS's comma-separated remote list): `tcp:`, `ssl:`
    /// or `unix:`. Passive remotes are rejected by ``SyncClient``.
    public var remotes: [OVSDBRemote]
    /// The database to replicate.
    public var database: String
    /// What to replicate, per table; a table not named here is not monitored.
    public var tables: [String: MonitorRequest]
    /// The key, certificate and CA of `ssl:` remotes.
    public var tls: TLSFiles?
    /// How long the connection may be silent before the client sends an `echo`, and
    /// then how long before it gives up on the server; nil for OVS's default: 5 s over
    /// tcp and ssl, never over unix sockets (server-client.md section 9.1); `.zero`
    /// for never.
    public var keepalive: Duration?
    /// The waits between connection attempts.
    public var backoff: BackoffPolicy
    /// The longest a connection attempt may take; at least 1 s is used, as OVS does.
    public var connectTimeout: Duration
    /// Only use a clustered server that is the cluster's leader (OVS's default, `true`);
    /// relays are then refused too.
    public var leaderOnly: Bool
    /// The digest resync strategy.
    public var digestMode: DigestMode
    /// The rules of digest exchanges (average row size, fallback thresholds, limits).
    public var digestPlanner: ResyncPlanner
    /// Bounds on each received message (size, nesting, string length).
    public var messageLimits: JSONParserLimits
    /// Where to keep the replica between runs, if anywhere.
    public var persistence: Persistence?

    /// A configuration for `database` at `remotes` that monitors nothing yet; fill in
    /// ``tables``.
    public init(remotes: [OVSDBRemote], database: String, tables: [String: MonitorRequest] = [:]) {
        self.remotes = remotes
        self.database = database
        self.tables = tables
        tls = nil
        keepalive = nil
        backoff = .standard
        connectTimeout = .seconds(10)
        leaderOnly = true
        digestMode = .ibf
        digestPlanner = ResyncPlanner()
        messageLimits = JSONParserLimits(maxBytes: 1 << 30)
        persistence = nil
    }

    /// The keepalive interval for `remote`: ``keepalive`` if set, else 5 s for tcp and
    /// ssl and none for unix sockets.
    func keepaliveInterval(for remote: OVSDBRemote) -> Duration? {
        if let keepalive { return keepalive > .zero ? keepalive : nil }
        if case .unix = remote { return nil }
        return .seconds(5)
    }
}
