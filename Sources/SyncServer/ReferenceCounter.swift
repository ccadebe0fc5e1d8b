import OVSDB

/// Steps 2 and 3 of the commit pipeline: strong reference counting and garbage
/// collection (OVS's `update_ref_counts()` and `collect_garbage()`).
///
/// Counts change by deltas against the counts the original database keeps per row
/// (``Table/strongReferenceCount(of:)``), so only the references of touched rows are
/// visited.
struct ReferenceCounter {
    /// The change of each row's strong reference count in this transaction.
    private(set) var deltas: [RowReference: Int] = [:]

    /// The count of `reference` after the transaction so far.
    private func count(_ reference: RowReference, in transaction: Transaction) -> Int {
        transaction.original.tables[reference.table].strongReferenceCount(of: reference.uuid) + deltas[reference, default: 0]
    }

    /// Adjusts the counts for every reference each touched row added or removed; an
    /// added reference to a row that neither exists nor was touched by the transaction
    /// is a referential integrity violation (OVS's `update_row_ref_count()`).
    mutating func countStrongReferences(in transaction: inout Transaction) throws(OVSDBError) {
        for reference in transaction.pending.all {
            let old = transaction.pending[reference]?.old
            let new = transaction.database[reference]
            for column in transaction.database.references.strong[reference.table] {
                let before = old?.values[column.index] ?? .empty
                let after = new?.values[column.index] ?? .empty
                if old != nil && new != nil && before == after { continue }
                let (added, removed) = old == nil || new == nil
                    ? (after, before) : before.addedAndRemoved(to: after, type: column.type)
                for target in column.targets(of: removed, excluding: reference, strongSelf: true) {
                    transaction.pullIn(target)
                    deltas[target, default: 0] -= 1
                }
                for target in column.targets(of: added, excluding: reference, strongSelf: true) {
                    guard transaction.database[target] != nil || transaction.pending.contains(target) else {
                        let schema = transaction.database.schema
                        throw OVSDBError(.referentialIntegrityViolation, "Table \(schema.tables[reference.table].name) column \(schema.tables[reference.table].columns[column.index].name) row \(reference.uuid) references nonexistent row \(target.uuid) in table \(schema.tables[target.table].name).")
                    }
                    transaction.pullIn(target)
                    deltas[target, default: 0] += 1
                }
            }
        }
    }

    /// Fails if a deleted row is still strongly referenced (OVS's `check_ref_count()`).
    func checkDeletedRowsAreUnreferenced(in transaction: Transaction) throws(OVSDBError) {
        for reference in transaction.pending.all where transaction.database[reference] == nil {
            let remaining = count(reference, in: transaction)
            if remaining != 0 {
                throw OVSDBError(.referentialIntegrityViolation, "cannot delete \(transaction.database.schema.tables[reference.table].name) row \(reference.uuid) because of \(remaining) remaining reference(s)")
            }
        }
    }

    /// Deletes every touched row of a non-root table that no row references any more,
    /// and then the rows only it referenced, with a work list rather than recursion so
    /// that long chains cannot exhaust the stack (OVS's `delete_garbage_row()`).
    mutating func collectGarbage(in transaction: inout Transaction) {
        var queue = transaction.pending.all
        var next = 0
        while next < queue.count {
            let reference = queue[next]
            next += 1
            guard !transaction.database.schema.tables[reference.table].isRoot,
                  let row = transaction.database[reference],
                  count(reference, in: transaction) == 0 else { continue }
            transaction.delete(reference)
            for column in transaction.database.references.strong[reference.table] {
                for target in column.targets(of: row.values[column.index], excluding: reference, strongSelf: true) {
                    transaction.pullIn(target)
                    deltas[target, default: 0] -= 1
                    if count(target, in: transaction) == 0 { queue.append(target) }
                }
            }
        }
    }
}
