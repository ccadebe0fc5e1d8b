import OrderedCollections
import OVSDB

/// The rows a transaction has touched so far, with their values before it (OVS's
/// `txn_tables` and `txn_rows`): inserted rows (no old value), rows modified or
/// deleted, and rows the commit pipeline pulled in because a reference to them changed.
///
/// Tables keep the order in which the transaction first touched them and rows their
/// touch order; the commit checks walk them in that order, which decides which error
/// is reported when several apply (OVS uses table touch order and row hash order).
struct PendingChanges: Sendable {
    /// A touched row: its value before the transaction, nil if the transaction inserted it.
    struct Entry: Sendable {
        var old: Row?
    }

    /// Table positions in the order first touched.
    private(set) var tableOrder: [Int] = []
    /// Touched rows of each table of `tableOrder`, at the same position, in touch
    /// order. A transaction touches few tables, so a linear search of `tableOrder` is
    /// cheaper than hashing (this runs several times per row on every commit).
    private var rowsByTable: [OrderedDictionary<OVSDBUUID, Entry>] = []

    /// True if nothing was touched.
    var isEmpty: Bool { rowsByTable.allSatisfy(\.isEmpty) }

    /// The position of `table` in `tableOrder`, if touched.
    private func slot(of table: Int) -> Int? {
        tableOrder.firstIndex(of: table)
    }

    /// The touched rows of `table`, in touch order.
    func rows(of table: Int) -> OrderedDictionary<OVSDBUUID, Entry> {
        slot(of: table).map { rowsByTable[$0] } ?? [:]
    }

    /// The entry of `reference`, if touched.
    subscript(reference: RowReference) -> Entry? {
        guard let slot = slot(of: reference.table) else { return nil }
        return rowsByTable[slot][reference.uuid]
    }

    /// True if `reference` was touched (OVS: the row has a `txn_row`).
    func contains(_ reference: RowReference) -> Bool {
        self[reference] != nil
    }

    /// Records `reference` as touched with value `old` before the transaction, unless it
    /// is touched already.
    mutating func touch(_ reference: RowReference, old: Row?) {
        let slot: Int
        if let existing = self.slot(of: reference.table) {
            slot = existing
        } else {
            slot = tableOrder.count
            tableOrder.append(reference.table)
            rowsByTable.append([:])
        }
        if rowsByTable[slot][reference.uuid] == nil {
            rowsByTable[slot][reference.uuid] = Entry(old: old)
        }
    }

    /// Forgets `reference` (a row inserted and then deleted by the same transaction).
    mutating func forget(_ reference: RowReference) {
        guard let slot = slot(of: reference.table) else { return }
        rowsByTable[slot].removeValue(forKey: reference.uuid)
    }

    /// Every touched row, tables in touch order, rows in touch order.
    var all: [RowReference] {
        var references: [RowReference] = []
        references.reserveCapacity(rowsByTable.reduce(0) { $0 + $1.count })
        for (table, rows) in zip(tableOrder, rowsByTable) {
            for uuid in rows.keys { references.append(RowReference(table: table, uuid: uuid)) }
        }
        return references
    }
}
