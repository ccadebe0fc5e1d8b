import OVSDB

/// What one committed transaction changed: for each table, the rows it inserted,
/// modified or deleted, with their values before and after (OVS's committed
/// `struct ovsdb_txn` as monitors and the log writer read it), plus the transaction's
/// comment and durability.
///
/// Only rows that really changed are listed: a row an update left equal, a row
/// inserted and deleted (or garbage-collected) in the same transaction, do not appear.
/// Tables come in schema order and rows by UUID, so equal transactions give equal
/// change sets. The storage writes a change set as one log record; monitors turn it
/// into `update`/`update2` notifications.
public struct ChangeSet: Sendable {
    /// One changed row.
    public struct RowChange: Sendable {
        /// The row's UUID.
        public var uuid: OVSDBUUID
        /// The row before the transaction; nil if the transaction inserted it.
        public var old: Row?
        /// The row after the transaction; nil if the transaction deleted it.
        public var new: Row?

        /// A change of row `uuid` from `old` to `new`.
        public init(uuid: OVSDBUUID, old: Row?, new: Row?) {
            self.uuid = uuid
            self.old = old
            self.new = new
        }

        /// True if the transaction inserted the row.
        public var isInsert: Bool { old == nil }
        /// True if the transaction deleted the row.
        public var isDelete: Bool { new == nil }
    }

    /// The changed rows of one table.
    public struct TableChanges: Sendable {
        /// The table's position in the schema.
        public var table: Int
        /// The table's schema.
        public var schema: TableSchema
        /// The changed rows, by UUID.
        public var rows: [RowChange]
    }

    /// The tables with at least one changed row, in schema order.
    public var tables: [TableChanges]
    /// The comments of the transaction's `comment` operations joined with newlines, or
    /// nil if it had none.
    public var comment: String?
    /// True if a `commit` operation asked for `"durable": true`: the storage must sync
    /// the record to disk before the reply goes out.
    public var isDurable: Bool

    /// A change set of `tables`.
    public init(tables: [TableChanges], comment: String? = nil, isDurable: Bool = false) {
        self.tables = tables
        self.comment = comment
        self.isDurable = isDurable
    }

    /// True if no row changed.
    public var isEmpty: Bool { tables.isEmpty }

    /// The number of changed rows.
    public var rowCount: Int { tables.reduce(0) { $0 + $1.rows.count } }
}
