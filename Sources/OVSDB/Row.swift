/// A row: one ``Datum`` per column of its table, by column index (OVS's
/// `struct ovsdb_row` fields).
///
/// Index 0 holds the row's `_uuid` and index 1 its `_version`, as in OVS, so
/// conditions and column sets treat them like any column. A row does not refer to its
/// schema (every operation that needs it takes the ``TableSchema``), which keeps it a
/// plain array of values: copying one is O(1) until one copy is changed.
public struct Row: Hashable, Sendable {
    /// The values, by column index; `values.count` equals the table's column count.
    public var values: [Datum]

    /// A row of `table` with every column at its default value, and the given `_uuid`
    /// and `_version` (OVS's `ovsdb_row_create()` then setting the UUID).
    public init(table: TableSchema, uuid: OVSDBUUID = .zero, version: OVSDBUUID = .zero) {
        values = table.defaultValues
        values[TableSchema.uuidColumn] = Datum(.uuid(uuid))
        values[TableSchema.versionColumn] = Datum(.uuid(version))
    }

    /// A row with the given values, by column index.
    public init(values: [Datum]) {
        self.values = values
    }

    /// The value of the column at `index`.
    public subscript(index: Int) -> Datum {
        get { values[index] }
        set { values[index] = newValue }
    }

    /// The row's UUID (its `_uuid` column).
    public var uuid: OVSDBUUID {
        get { Self.uuid(in: values[TableSchema.uuidColumn]) }
        set { values[TableSchema.uuidColumn] = Datum(.uuid(newValue)) }
    }

    /// The row's version (its `_version` column), which changes on every modification.
    public var version: OVSDBUUID {
        get { Self.uuid(in: values[TableSchema.versionColumn]) }
        set { values[TableSchema.versionColumn] = Datum(.uuid(newValue)) }
    }

    private static func uuid(in datum: Datum) -> OVSDBUUID {
        if case .uuid(let uuid)? = datum.first { return uuid }
        return .zero
    }
}
