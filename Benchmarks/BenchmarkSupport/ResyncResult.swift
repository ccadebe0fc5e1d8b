/// What one strategy cost for one change fraction in `digestsync-bench resync`: every
/// client resynchronising after the server restarted.
public struct ResyncResult: Sendable {
    /// The strategy measured.
    public var strategy: ResyncStrategy
    /// Clients resynchronising at once.
    public var clients: Int
    /// Share of the rows changed while they were away.
    public var changeFraction: Double
    /// Bytes down per client (the mean over the clients).
    public var bytesDownPerClient: Double
    /// Bytes up per client, without the monitor requests (the mean).
    public var bytesUpPerClient: Double
    /// Round trips of the client that needed most.
    public var roundTrips: Int
    /// From the first client connecting to the last one in sync.
    public var wallSeconds: Double
    /// The server's user plus system CPU time over that span.
    public var serverCPUSeconds: Double
    /// Rows inserted, modified or deleted between the before and after snapshots.
    public var rowsDiffering: Int
    /// The difference as `table-updates2` JSON with full rows (``SnapshotDifference``).
    public var differingRowsJSONBytes: Int
    /// How the server answered the clients, e.g. `done` or `found=false`, with counts
    /// when they differ.
    public var outcome: String

    /// A result with the given figures.
    public init(strategy: ResyncStrategy, clients: Int, changeFraction: Double, bytesDownPerClient: Double,
                bytesUpPerClient: Double, roundTrips: Int, wallSeconds: Double, serverCPUSeconds: Double,
                rowsDiffering: Int, differingRowsJSONBytes: Int, outcome: String) {
        self.strategy = strategy
        self.clients = clients
        self.changeFraction = changeFraction
        self.bytesDownPerClient = bytesDownPerClient
        self.bytesUpPerClient = bytesUpPerClient
        self.roundTrips = roundTrips
        self.wallSeconds = wallSeconds
        self.serverCPUSeconds = serverCPUSeconds
        self.rowsDiffering = rowsDiffering
        self.differingRowsJSONBytes = differingRowsJSONBytes
        self.outcome = outcome
    }

    /// True when the server fell back to (or the strategy is) a full snapshot.
    public var isFullSnapshot: Bool {
        outcome.hasPrefix("full") || outcome == "snapshot" || outcome == "found=false"
    }

    /// The result of `strategy` for the same clients and change fraction, in `results`.
    public func sibling(_ strategy: ResyncStrategy, in results: [ResyncResult]) -> ResyncResult? {
        results.first { $0.strategy == strategy && $0.clients == clients && $0.changeFraction == changeFraction }
    }
}
