import Digest
import OVSDB

/// The client's local copy of what it monitors (OVS's IDL row tables), with the digest of
/// that copy kept up to date row by row, so that a reconnect can offer its commitment at
/// once (Docs/digest-protocol.md).
///
/// A value: the tables are persistent maps, so ``snapshot`` is O(tables) and readers on
/// other threads never see an update half applied. Every change goes through
/// ``ReplicaChanges``, which applies a whole update or nothing and reports the true
/// difference as a ``ChangeBatch``.
struct Replica: Sendable {
    /// The database's name.
    let database: String
    /// The schema the rows were built with; nil before the first schema is known.
    private(set) var schema: DatabaseSchema?
    /// The monitored tables, by name.
    var tables: [String: ReplicaTable]
    /// The digest of the rows under the conditions they were selected with.
    var digest: ViewDigest?
    /// The conditions the digest's views were built with, by table.
    private(set) var conditions: [String: Condition]
    /// The id of the last transaction the rows reflect.
    var lastTransactionID: OVSDBUUID = .zero
    /// True once the rows were synchronised with a server (or loaded from a replica file)
    /// under ``schema``: only then is a digest offer worth making.
    var isPrimed = false

    /// An empty replica of `database` whose schema is not known yet.
    init(database: String) {
        self.database = database
        schema = nil
        tables = [:]
        digest = nil
        conditions = [:]
    }

    /// An empty replica of `schema` monitoring `monitors` under `conditions`.
    init(schema: DatabaseSchema, monitors: [String: TableMonitor], conditions: [String: Condition]) {
        database = schema.name
        self.schema = schema
        tables = monitors.mapValues { ReplicaTable(schema: $0.table, columns: $0.columns) }
        self.conditions = [:]
        digest = nil
        rebuildDigest(conditions: conditions)
    }

    /// The replica as readers see it.
    var snapshot: ReplicaSnapshot {
        ReplicaSnapshot(database: database, schema: schema, tables: tables, lastTransactionID: lastTransactionID)
    }

    /// Rows over all tables.
    var rowCount: Int { tables.values.reduce(0) { $0 + $1.count } }

    /// Makes the digest's views use `conditions` (the conditions of the monitor request
    /// in force), rebuilding the digest of each table whose condition changed. Keys do
    /// not depend on conditions, but a view's commitment names its condition.
    mutating func setConditions(_ conditions: [String: Condition]) {
        guard conditions != self.conditions else { return }
        rebuildDigest(conditions: conditions)
    }

    private mutating func rebuildDigest(conditions: [String: Condition]) {
        // TableView and ViewDigest only throw for columns or tables given twice or
        // unknown, which TableMonitor has already ruled out; a replica without a digest
        // simply never offers one.
        var tableDigests: [TableDigest] = []
        for (name, table) in tables {
            let condition = conditions[name] ?? .all
            if self.conditions[name] == condition, let existing = digest?.table(named: name) {
                tableDigests.append(existing)
            } else if let view = try? TableView(table: table.schema, columns: table.columns, condition: condition) {
                tableDigests.append(TableDigest(view: view, memberRows: table.rows.values))
            }
        }
        digest = tableDigests.count == tables.count ? try? ViewDigest(tables: tableDigests) : nil
        self.conditions = conditions
    }

    /// The digest rebuilt from every row, ignoring the incremental one: what tests compare
    /// the incremental digest with.
    func digestFromScratch() -> ViewDigest? {
        var copy = self
        copy.digest = nil
        copy.conditions = [:]
        copy.rebuildDigest(conditions: conditions)
        return copy.digest
    }
}
