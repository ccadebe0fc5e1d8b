import OVSDB

/// Step 6 of the commit pipeline (OVS's `check_index_uniqueness()`): after the
/// transaction no two rows of a table may hold equal values in the columns of one of
/// its indexes.
///
/// Each touched row is looked up in the keys of the rows touched before it and in the
/// table's committed index map; a hit on a committed row that the transaction did not
/// touch is a duplicate (a touched row's committed key may be stale). Cost: one lookup
/// per touched row and index.
struct IndexChecker {
    let transaction: Transaction

    /// Throws OVS's "constraint violation" for the first duplicate.
    func check() throws(OVSDBError) {
        let pending = transaction.pending
        for table in pending.tableOrder {
            let indexes = transaction.database.tables[table].schema.indexes
            guard !indexes.isEmpty else { continue }
            var seen = Array(repeating: [IndexKey: OVSDBUUID](), count: indexes.count)
            for uuid in pending.rows(of: table).keys {
                guard let row = transaction.database[RowReference(table: table, uuid: uuid)] else { continue }
                for (number, columns) in indexes.enumerated() {
                    let key = IndexKey(row, columns: columns)
                    if let other = seen[number][key] {
                        throw duplicate(table: table, index: columns, uuid, other)
                    }
                    if let other = transaction.original.tables[table].indexes[number][key],
                       !pending.contains(RowReference(table: table, uuid: other)) {
                        throw duplicate(table: table, index: columns, uuid, other)
                    }
                    seen[number][key] = uuid
                }
            }
        }
    }

    /// OVS's `duplicate_index_row()` message. OVS orders the two rows by comparing all
    /// their columns, `_version` included, so its order is random; here the row with
    /// the greater UUID is "First".
    private func duplicate(table: Int, index: [Int], _ one: OVSDBUUID, _ two: OVSDBUUID) -> OVSDBError {
        let (first, second) = one > two ? (one, two) : (two, one)
        let schema = transaction.database.schema.tables[table]
        let firstRow = transaction.database[RowReference(table: table, uuid: first)]
        let values = firstRow.map { Self.text(of: $0, columns: index, schema: schema) } ?? ""
        let names = index.map { "\"\(schema.columns[$0].name)\"" }
        let indexText = "column\(index.count > 1 ? "s" : "") " + Self.englishList(names)
        return OVSDBError(.constraintViolation, "Transaction causes multiple rows in \"\(schema.name)\" table to have identical values (\(values)) for index on \(indexText).  \(describe(first, "First", table: table, index: index))  \(describe(second, "Second", table: table, index: index))")
    }

    /// OVS's `duplicate_index_row__()`: how the transaction changed the row.
    private func describe(_ uuid: OVSDBUUID, _ title: String, table: Int, index: [Int]) -> String {
        let reference = RowReference(table: table, uuid: uuid)
        let schema = transaction.database.schema.tables[table]
        let text: String
        if let entry = transaction.pending[reference], let new = transaction.database[reference], entry.old != new {
            if let old = entry.old {
                text = IndexKey(old, columns: index) == IndexKey(new, columns: index)
                    ? "existed in the database before this transaction, which modified some of the row's columns but not any columns in this index."
                    : "had the following index values before the transaction: \(Self.text(of: old, columns: index, schema: schema))."
            } else {
                text = "was inserted by this transaction."
            }
        } else {
            text = "existed in the database before this transaction and was not modified by the transaction."
        }
        return "\(title) row, with UUID \(uuid), \(text)"
    }

    /// The row's values in `columns` as OVS's `ovsdb_row_columns_to_string()` writes them.
    private static func text(of row: Row, columns: [Int], schema: TableSchema) -> String {
        englishList(columns.map { row.values[$0].text(type: schema.columns[$0].type) })
    }

    /// "a", "a and b", "a, b, and c" (OVS's `english_list_delimiter()`).
    static func englishList(_ items: [String]) -> String {
        var text = ""
        for (position, item) in items.enumerated() {
            if position > 0 {
                text += position < items.count - 1 ? ", " : (items.count > 2 ? ", and " : " and ")
            }
            text += item
        }
        return text
    }
}
