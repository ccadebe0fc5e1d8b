import OVSDB

/// The client's replica at one instant: every monitored table's rows, readable from any
/// thread while the client goes on. ``SyncClient/snapshot`` returns the latest one in
/// O(1) (the tables are persistent maps shared with the client's own copy).
public struct ReplicaSnapshot: Sendable, Equatable {
    /// The database's name.
    public let database: String
    /// The schema the replica was built with; nil before the first schema is known.
    public let schema: DatabaseSchema?
    /// The monitored tables by name.
    public let tables: [String: ReplicaTable]
    /// The id of the last transaction the replica reflects, from `monitor_cond_since`,
    /// `update3` or a digest exchange; zero when the server keeps no transaction ids.
    public let lastTransactionID: OVSDBUUID

    /// A snapshot of the given parts.
    init(database: String, schema: DatabaseSchema?, tables: [String: ReplicaTable], lastTransactionID: OVSDBUUID) {
        self.database = database
        self.schema = schema
        self.tables = tables
        self.lastTransactionID = lastTransactionID
    }

    /// The monitored table called `name`.
    public subscript(table name: String) -> ReplicaTable? {
        tables[name]
    }

    /// The row `uuid` of table `table`.
    public func row(_ table: String, _ uuid: OVSDBUUID) -> ReplicaRow? {
        tables[table]?[uuid]
    }

    /// Rows over all tables.
    public var rowCount: Int {
        tables.values.reduce(0) { $0 + $1.count }
    }
}
