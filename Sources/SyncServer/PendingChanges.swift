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
    /// Touched rows of each table, in touch order.
    private(set) var rowsByTable: [Int: OrderedDictionary<OVSDBUUID, Entry>] = [:]

    /// True if nothing was touched.
    var isEmpty: Bool { rowsByTable.values.allSatisfy(\.isEmpty) }

    /// The touched rows of `table`, in touch order.
    func rows(of table: Int) -> OrderedDictionary<OVSDBUUID, Entry> {
        rowsByTable[table] ?? [:]
    }

    /// The entry of `reference`, if touched.
    subscript(reference: RowReference) -> Entry? {
        rowsByTable[reference.table]?[reference.uuid]
    }

    /// True if `reference` was touched (OVS: the row has a `txn_row`).
    func contains(_ reference: RowReference) -> Bool {
        self[reference] != nil
    }

    /// Records `reference` as touched with value `old` before the transaction, unless it
    /// is touched already.
    mutating func touch(_ reference: RowReference, old: Row?) {
        if rowsByTable[reference.table] == nil {
            rowsByTable[reference.table] = [:]
            tableOrder.append(reference.table)
        }
        if rowsByTable[reference.table]?[reference.uuid] == nil {
            rowsByTable[reference.table]?[reference.uuid] = Entry(old: old)
        }
    }

    /// Forgets `reference` (a row inserted and then deleted by the same transaction).
    mutating func forget(_ reference: RowReference) {
        rowsByTable[reference.table]?.removeValue(forKey: reference.uuid)
    }

    /// Every touched row, tables in touch order, rows in touch order.
    var all: [RowReference] {
        tableOrder.flatMap { table in rows(of: table).keys.map { RowReference(table: table, uuid: $0) } }
    }
}
