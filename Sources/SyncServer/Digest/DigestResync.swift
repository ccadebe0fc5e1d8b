import DequeModule
import Digest
import OVSDB

/// The server's digest resync state (Docs/digest-protocol.md): the ``DatabaseDigest`` of
/// every hosted database, the open exchanges, the requests waiting for room among them,
/// and counters for logs and tests. Owned by the ``ServerCore``, which runs the protocol
/// (`ServerCore+Digest.swift`); lives on the database loop.
final class DigestResync {
    /// The bounds and limits in force.
    let configuration: DigestConfiguration
    /// The digest of each database, by name.
    var digests: [String: DatabaseDigest] = [:]
    /// The open exchanges.
    var open: [ExchangeKey: OpenExchange] = [:]
    /// The requests waiting for room, oldest first.
    var queue: Deque<QueuedResync> = []
    /// Rows reserved by the open exchanges.
    var openRows = 0
    /// The strata estimators of recently answered views, shared by every exchange over
    /// the same view (a reconnect storm builds one, not one per client).
    var estimators = EstimatorCache()
    /// True while queued requests are being admitted: an exchange that ends at once
    /// admits the next one from the same loop, not by recursion.
    var isAdmitting = false
    /// How the exchanges ended, by final reply kind (`in_sync`, `done`, `full`), plus
    /// `error` for those ended by an error reply and `dropped` for those forgotten
    /// (session closed, replaced, idle).
    private(set) var outcomes: [String: Int] = [:]
    /// The most requests that have waited at once.
    private(set) var longestQueue = 0

    /// The state for `databases`, each with its digest built now.
    init(databases: [HostedDatabase], configuration: DigestConfiguration) {
        self.configuration = configuration
        for database in databases {
            digests[database.name] = DatabaseDigest(of: database.database, limits: configuration.indexLimits)
        }
    }

    /// True if an exchange reserving `rows` may open now: below the exchange count and
    /// within the rows bound (or the only exchange).
    func hasRoom(for rows: Int) -> Bool {
        open.isEmpty || (open.count < configuration.maximumExchanges && openRows + rows <= configuration.maximumExchangeRows)
    }

    /// Queues `request`.
    func enqueue(_ request: QueuedResync) {
        queue.append(request)
        longestQueue = max(longestQueue, queue.count)
    }

    /// Counts an ended exchange.
    func count(_ outcome: String) {
        outcomes[outcome, default: 0] += 1
    }
}
