import Logging
import OVSDB

/// One database the server serves: the current ``Database`` value, its storage (none
/// for `_Server`), its transaction history, its monitors and a version counter that
/// names each state for the shared initial snapshots. Lives on the database loop.
///
/// Snapshots never copy data: the database is a persistent value, so a monitor reads
/// the value current at its request while later commits produce new ones.
final class HostedDatabase {
    /// The database name (its schema's).
    let name: String
    /// The current contents.
    private(set) var database: Database
    /// The file it is kept in; nil for `_Server`, which lives in memory only.
    private let storage: StandaloneStorage?
    /// The recent transactions, for `monitor_cond_since`; nil for `_Server`, which has
    /// no history (as in OVS).
    private(set) var history: TransactionHistory?
    /// Increases with every commit that changed something.
    private(set) var version = 0
    /// The monitors of this database, grouped by shape.
    let monitors: MonitorRegistry
    /// The schema as `get_schema` returns it.
    let schemaJSON: JSON
    /// Set by a commit: blocked transactions on this database must be retried.
    var needsTriggerRun = false
    private var databaseAtoms = 0
    private var unloggedCommits = 0

    /// Serves the database kept in `storage`, with a history of at most
    /// `historyLength` transactions rebuilt from ``StandaloneStorage/replayed``.
    init(storage: StandaloneStorage, historyLength: Int) {
        self.storage = storage
        database = storage.database
        name = database.schema.name
        schemaJSON = database.schema.json
        monitors = MonitorRegistry(schema: database.schema)
        databaseAtoms = TransactionHistory.atoms(in: database)
        var history = TransactionHistory(maxTransactions: historyLength)
        for transaction in storage.replayed where !transaction.changes.isEmpty {
            history.append(id: TransactionID.of(transaction.position), changes: transaction.changes, databaseAtoms: databaseAtoms)
        }
        storage.forgetReplayed()
        self.history = history
    }

    /// Serves `database` from memory, without history: the `_Server` database.
    init(inMemory database: Database) {
        storage = nil
        self.database = database
        name = database.schema.name
        schemaJSON = database.schema.json
        monitors = MonitorRegistry(schema: database.schema)
        history = nil
    }

    /// The id of the newest transaction, or the zero UUID without history.
    var latestTransactionID: OVSDBUUID {
        history?.latestID ?? .zero
    }

    /// Stores `committed` (its log record is written before this returns, and synced if
    /// it asked for durability) and makes its database current. Returns the
    /// transaction's id, or nil if it changed nothing (then nothing happens at all).
    func commit(_ committed: CommittedTransaction) throws(StorageError) -> OVSDBUUID? {
        guard !committed.changes.isEmpty else { return nil }
        let position = try storage?.commit(committed)
        database = committed.database
        version += 1
        guard let latestID = history?.latestID else { return .zero }
        let id: OVSDBUUID
        if let position {
            id = TransactionID.of(position)
        } else {
            unloggedCommits += 1
            id = TransactionID.unlogged(after: latestID, sequence: unloggedCommits)
        }
        databaseAtoms += TransactionHistory.atomDelta(of: committed.changes)
        history?.append(id: id, changes: committed.changes, databaseAtoms: databaseAtoms)
        return id
    }

    /// Compacts the file if its policy says so (after commits, as `ovsdb-server` does);
    /// failures are logged and leave the file as it was.
    func compactIfDue(logger: Logger) {
        guard let storage else { return }
        do {
            if try storage.compactIfDue() {
                logger.info("compacted database \(name): \(storage.size) bytes")
            }
        } catch {
            logger.error("compacting database \(name) failed: \(error)")
        }
    }

    /// Closes the file.
    func close() {
        storage?.close()
    }
}
