import OVSDB

/// One row of the replica, with its table's schema: what readers and change callbacks
/// get. A value: it never changes after the replica moves on.
///
/// Columns the client does not monitor hold their type's default value. The typed
/// accessors return nil (or an empty collection) when the column does not exist or holds
/// something else, so a reader never traps on what the server sent.
public struct ReplicaRow: Sendable {
    /// The schema of the row's table.
    public let table: TableSchema
    /// The values, by column index of ``table``.
    public let row: Row

    /// A row of `table`.
    public init(table: TableSchema, row: Row) {
        self.table = table
        self.row = row
    }

    /// The row's UUID.
    public var uuid: OVSDBUUID { row.uuid }

    /// The value of the column called `column`, or nil if the table has no such column.
    public subscript(column: String) -> Datum? {
        table.columnIndex(named: column).map { row[$0] }
    }

    /// The only atom of a scalar column, or of an optional column that holds one.
    public func atom(_ column: String) -> Atom? {
        guard let datum = self[column], datum.count == 1, !datum.isMap else { return nil }
        return datum.first
    }

    /// A string column's value.
    public func string(_ column: String) -> String? {
        if case .string(let value)? = atom(column) { return value }
        return nil
    }

    /// An integer column's value.
    public func integer(_ column: String) -> Int64? {
        if case .integer(let value)? = atom(column) { return value }
        return nil
    }

    /// A real column's value.
    public func real(_ column: String) -> Double? {
        if case .real(let value)? = atom(column) { return value }
        return nil
    }

    /// A boolean column's value.
    public func boolean(_ column: String) -> Bool? {
        if case .boolean(let value)? = atom(column) { return value }
        return nil
    }

    /// A uuid column's value (a reference, for a column with a `refTable`).
    public func uuid(_ column: String) -> OVSDBUUID? {
        if case .uuid(let value)? = atom(column) { return value }
        return nil
    }

    /// The atoms of a set column, in OVSDB order; empty for a missing column or a map.
    public func set(_ column: String) -> [Atom] {
        guard let datum = self[column], !datum.isMap else { return [] }
        return Array(datum.keys)
    }

    /// The pairs of a map column, in key order; empty for a missing column or a set.
    public func map(_ column: String) -> [(key: Atom, value: Atom)] {
        guard let datum = self[column], let values = datum.values else { return [] }
        return zip(datum.keys, values).map { (key: $0, value: $1) }
    }

    /// The strings of a set of strings.
    public func strings(_ column: String) -> [String] {
        set(column).compactMap { if case .string(let value) = $0 { value } else { nil } }
    }

    /// The integers of a set of integers.
    public func integers(_ column: String) -> [Int64] {
        set(column).compactMap { if case .integer(let value) = $0 { value } else { nil } }
    }

    /// The UUIDs of a set of uuids (references).
    public func uuids(_ column: String) -> [OVSDBUUID] {
        set(column).compactMap { if case .uuid(let value) = $0 { value } else { nil } }
    }

    /// A map from strings to strings (OVS's `external_ids`, `options`).
    public func stringMap(_ column: String) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in map(column) {
            if case .string(let key) = key, case .string(let value) = value { result[key] = value }
        }
        return result
    }

    /// The names of the columns whose values differ between this row and `other` (a
    /// version of the same row), in column order.
    public func changedColumns(comparedTo other: ReplicaRow) -> [String] {
        table.columns.indices.compactMap { index in
            index < other.row.values.count && row[index] != other.row[index] ? table.columns[index].name : nil
        }
    }
}

extension ReplicaRow: Equatable {
    /// Same table name and same values.
    public static func == (lhs: ReplicaRow, rhs: ReplicaRow) -> Bool {
        lhs.table.name == rhs.table.name && lhs.row == rhs.row
    }
}

extension ReplicaRow: CustomStringConvertible {
    /// `Table uuid {column=value, ...}` with the non-default columns, for logs and test
    /// failures.
    public var description: String {
        let columns = table.userColumns.filter { !row[$0.index].isDefault(for: $0.type) }
            .map { "\($0.name)=\(row[$0.index].json(type: $0.type))" }
        return "\(table.name) \(uuid) {\(columns.joined(separator: ", "))}"
    }
}
