import OVSDB

/// A transaction in progress against a ``Database`` (OVS's `struct ovsdb_txn`): a
/// working copy of the database that operations change directly, the list of rows they
/// touched with their old values, the comments and the durability flag.
///
/// The working copy shares all untouched structure with the original (persistent maps),
/// so starting a transaction is O(1) and each change O(log n). ``commit()`` runs OVS's
/// commit pipeline over the touched rows and returns the new database and its
/// ``ChangeSet``, or the error that aborts the transaction. ``TransactionExecutor``
/// drives one from a `transact` request; the storage drives one from each log record.
public struct Transaction: Sendable {
    /// The database as it was when the transaction started.
    public let original: Database
    /// The database with the transaction's changes so far.
    public internal(set) var database: Database
    /// The rows touched so far.
    var pending = PendingChanges()
    /// The comments of `comment` operations, in order.
    public internal(set) var comments: [String] = []
    /// True once a `commit` operation asked for durability.
    public internal(set) var isDurable = false

    /// A transaction on `database`.
    public init(database: Database) {
        original = database
        self.database = database
    }

    /// The row `reference` names in the working copy.
    public subscript(reference: RowReference) -> Row? {
        database[reference]
    }

    /// True if a row with UUID `uuid` may be inserted into `table` (OVS's
    /// `ovsdb_txn_may_create_row()`): none exists now, and none existed before and was
    /// deleted by this transaction. A row inserted and deleted in this transaction leaves
    /// no trace, so its UUID may be reused.
    public func mayCreateRow(_ uuid: OVSDBUUID, in table: Int) -> Bool {
        let reference = RowReference(table: table, uuid: uuid)
        return database[reference] == nil && !pending.contains(reference)
    }

    /// Adds `row` (whose `_uuid` the caller has set) to the table at `table`, with a
    /// fresh `_version` (OVS's `ovsdb_txn_row_insert()`).
    public mutating func insert(_ row: Row, into table: Int) {
        var row = row
        row.version = .random()
        let reference = RowReference(table: table, uuid: row.uuid)
        database.tables[table].rows[row.uuid] = row
        pending.touch(reference, old: nil)
    }

    /// Replaces row `reference` (which must exist) by `row` (OVS's
    /// `ovsdb_txn_row_modify()` followed by the caller's changes). `_version` is renewed
    /// at commit, not here.
    public mutating func replace(_ reference: RowReference, with row: Row) {
        pullIn(reference)
        database.tables[reference.table].rows[reference.uuid] = row
    }

    /// Deletes row `reference` if it exists (OVS's `ovsdb_txn_row_delete()`).
    public mutating func delete(_ reference: RowReference) {
        guard let row = database.tables[reference.table].rows.removeValue(forKey: reference.uuid) else {
            return
        }
        if let entry = pending[reference] {
            if entry.old == nil { pending.forget(reference) }
        } else {
            pending.touch(reference, old: row)
        }
    }

    /// Makes row `reference`, if it exists, part of the transaction without changing it
    /// (OVS's `find_or_make_txn_row()`).
    mutating func pullIn(_ reference: RowReference) {
        guard !pending.contains(reference), let row = database[reference] else { return }
        pending.touch(reference, old: row)
    }

    /// Appends the text of a `comment` operation.
    public mutating func addComment(_ comment: String) {
        comments.append(comment)
    }

    /// Marks the transaction durable (a `commit` operation with `"durable": true`).
    public mutating func requestDurability() {
        isDurable = true
    }
}
