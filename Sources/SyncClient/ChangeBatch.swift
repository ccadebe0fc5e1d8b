/// What one applied update changed in the replica, per table: delivered to change
/// callbacks (``SyncClient/onChange(table:_:)``) exactly once per update, in the order
/// the updates were applied.
///
/// After a full fetch (`monitor_cond_since` with found=false, `monitor_cond`, `monitor`,
/// or a digest exchange that ended in a full snapshot) the batch holds the true difference
/// between the replica before and after, not "everything deleted, everything inserted",
/// so a controller only sees what really changed while it was disconnected.
public struct ChangeBatch: Sendable, Equatable {
    /// The changes of each table that changed.
    public internal(set) var tables: [String: TableChanges]

    /// A batch with no changes.
    init() {
        tables = [:]
    }

    /// True if nothing changed.
    public var isEmpty: Bool { tables.values.allSatisfy(\.isEmpty) }

    /// The changes of `table` (empty if it did not change).
    public subscript(table: String) -> TableChanges {
        tables[table] ?? TableChanges()
    }

    /// Number of rows inserted, modified and deleted over all tables.
    public var count: Int { tables.values.reduce(0) { $0 + $1.count } }

    /// Records one row's change. Appends in place (the dictionary's `default:`
    /// subscript modifies its value where it lies): a copy taken out of `tables` and
    /// put back would copy the whole array on every append, quadratic in a full fetch.
    mutating func record(table: String, old: ReplicaRow?, new: ReplicaRow?) {
        switch (old, new) {
        case (nil, let new?): tables[table, default: TableChanges()].inserted.append(new)
        case (let old?, nil): tables[table, default: TableChanges()].deleted.append(old)
        case (let old?, let new?) where old != new:
            tables[table, default: TableChanges()].modified.append(RowModification(old: old, new: new))
        default: return
        }
    }
}

/// The changes of one table in a ``ChangeBatch``.
public struct TableChanges: Sendable, Equatable {
    /// Rows that entered the replica.
    public internal(set) var inserted: [ReplicaRow] = []
    /// Rows whose monitored values changed.
    public internal(set) var modified: [RowModification] = []
    /// Rows that left the replica (deleted, or no longer matching the condition).
    public internal(set) var deleted: [ReplicaRow] = []

    /// True if no row changed.
    public var isEmpty: Bool { inserted.isEmpty && modified.isEmpty && deleted.isEmpty }

    /// Rows inserted, modified and deleted.
    public var count: Int { inserted.count + modified.count + deleted.count }
}

/// A row before and after a change.
public struct RowModification: Sendable, Equatable {
    /// The row before.
    public let old: ReplicaRow
    /// The row after.
    public let new: ReplicaRow

    /// The names of the columns that changed.
    public var changedColumns: [String] { new.changedColumns(comparedTo: old) }
}
