import OVSDB

extension Transaction {
    /// Step 5 of the commit pipeline (OVS's `assess_weak_refs()`): rows that weakly
    /// reference a row this transaction deleted join the transaction, and every weak
    /// reference held by a touched row to a row that does not exist (deleted, never
    /// inserted, the all-zero default, or a row of another table) is removed. A column
    /// left with fewer elements than its type's minimum fails the transaction with
    /// OVS's "constraint violation" messages.
    mutating func removeDanglingWeakReferences() throws(OVSDBError) {
        for reference in pending.all where database[reference] == nil {
            for source in original.tables[reference.table].weakReferrers[reference.uuid] ?? [] {
                pullIn(source)
            }
        }
        for reference in pending.all {
            guard var row = database[reference] else { continue }
            var changed = false
            for column in database.references.weak[reference.table] {
                guard let cleaned = try cleanedValue(row.values[column.index], column: column, of: reference) else { continue }
                row.values[column.index] = cleaned
                changed = true
            }
            if changed {
                database.tables[reference.table].rows[reference.uuid] = row
            }
        }
    }

    /// `datum` without the elements whose weak references are dangling, or nil if none
    /// is; throws if too few elements remain.
    private func cleanedValue(_ datum: Datum, column: ReferenceColumns.Column, of reference: RowReference) throws(OVSDBError) -> Datum? {
        func dangling(_ atom: Atom?, _ table: Int?) -> OVSDBUUID? {
            guard let table, case .uuid(let uuid)? = atom,
                  database[RowReference(table: table, uuid: uuid)] == nil else { return nil }
            return uuid
        }
        var kept: [(key: Atom, value: Atom?)] = []
        var removedZero = false
        for index in 0..<datum.count {
            let element = datum[index]
            let target = dangling(element.key, column.keyTable) ?? dangling(element.value, column.valueTable)
            if let target {
                removedZero = removedZero || target == .zero
            } else {
                kept.append(element)
            }
        }
        guard kept.count < datum.count else { return nil }
        if kept.count < column.type.min {
            throw weakReferenceError(removed: datum.count - kept.count, removedZero: removedZero, column: column, of: reference)
        }
        if column.type.isMap {
            return try Datum(map: kept.map { ($0.key, $0.value ?? Atom.defaultValue(of: $0.key.type)) })
        }
        return try Datum(set: kept.map(\.key))
    }

    private func weakReferenceError(removed: Int, removedZero: Bool, column: ReferenceColumns.Column, of reference: RowReference) -> OVSDBError {
        let table = database.schema.tables[reference.table]
        let name = table.columns[column.index].name
        let inserted = pending[reference]?.old == nil
        if removedZero && inserted {
            return OVSDBError(.constraintViolation, "Weak reference column \"\(name)\" in \"\(table.name)\" row \(reference.uuid) (inserted within this transaction) contained all-zeros UUID (probably as the default value for this column) but deleting this value caused a constraint volation because this column is not allowed to be empty.")
        }
        return OVSDBError(.constraintViolation, "Deletion of \(removed) weak reference(s) to deleted (or never-existing) rows from column \"\(name)\" in \"\(table.name)\" row \(reference.uuid) \(inserted ? "(inserted within this transaction) " : "")caused this column to become empty, but constraints on this column disallow an empty column.")
    }
}
