import NIOCore
import OVSDB

/// How to run an ``OVSDBServer``: what `digestsync serve` builds from its command line,
/// and what tests and the benchmark pass to start a server in process.
public struct ServerConfiguration: Sendable {
    /// The database files to serve (standalone OVSDB files, as `ovsdb-tool create`
    /// makes them), each under its schema's name.
    public var databases: [String]
    /// Where to listen: `ptcp:`, `pssl:` and `punix:` remotes. `ptcp:0` picks a free
    /// port (``OVSDBServer/listeners`` says which).
    public var remotes: [OVSDBRemote]
    /// The key, certificate and CA certificate for `pssl:` remotes.
    public var tls: TLSFiles?
    /// Unsent output, beyond the monitor replies in flight, that disconnects a client
    /// too slow to read it (`--max-backlog`; 64 MiB).
    public var maxBacklogBytes = 64 << 20
    /// The largest message a client may send (`--max-message-size`; 256 MiB, enough for
    /// the largest OVN transactions). A larger one closes the connection.
    public var maxMessageBytes = 256 << 20
    /// Messages of one client that may wait for the database loop before the server
    /// stops reading from it.
    public var maxPendingMessages = 64
    /// After how long without traffic a TCP or TLS client gets an `echo` probe, and is
    /// disconnected if it stays silent as long again; nil disables probes. Unix socket
    /// clients are never probed (as in OVS).
    public var inactivityProbe: TimeAmount? = .seconds(5)
    /// How many transactions each database's history keeps for `monitor_cond_since`
    /// (OVS: 100).
    public var historyLength = 100
    /// Threads for connections (framing, JSON parsing, socket I/O), besides the
    /// database thread. 0, the default, serves every connection on the database thread
    /// itself, as `ovsdb-server` serves everything on its one thread: a request then
    /// costs no hand-off between threads, which on a small machine (the 2-core one of
    /// the README's figures) costs more than parsing in parallel gains. More threads
    /// parse requests and write replies in parallel to the database work, for machines
    /// with cores to spare.
    public var ioThreads = 0
    /// The digest resync endpoint's bounds (`--max-digest-exchanges`).
    public var digest = DigestConfiguration()

    /// Serves `databases` on `remotes` with the default limits.
    public init(databases: [String], remotes: [OVSDBRemote]) {
        self.databases = databases
        self.remotes = remotes
    }
}
