import OVSDB

/// Where a schema's references are: for each table, the columns whose keys or values
/// hold strong or weak references, with the position of the table they point to.
/// Computed once per ``Database`` so that commits need not scan column types.
struct ReferenceColumns: Sendable {
    /// One referencing column.
    struct Column: Sendable {
        /// The column's index in its table.
        var index: Int
        /// The column's type.
        var type: ColumnType
        /// The referenced table's position, if the column's keys are references of the kind.
        var keyTable: Int?
        /// The referenced table's position, if the column's values are references of the kind.
        var valueTable: Int?

        /// The rows `datum` (a value of this column of row `source`) references,
        /// without `source` itself: OVS skips a strong reference whose UUID equals the
        /// source's (`strongSelf`, whatever the table) and a weak reference to the very
        /// same row.
        func targets(of datum: Datum, excluding source: RowReference, strongSelf: Bool) -> [RowReference] {
            func references(_ atoms: some Sequence<Atom>, table: Int) -> [RowReference] {
                atoms.compactMap { atom in
                    guard case .uuid(let uuid) = atom else { return nil }
                    if uuid == source.uuid && (strongSelf || table == source.table) { return nil }
                    return RowReference(table: table, uuid: uuid)
                }
            }
            var targets: [RowReference] = []
            if let keyTable {
                targets += references(datum.keys, table: keyTable)
            }
            if let valueTable, let values = datum.values {
                targets += references(values, table: valueTable)
            }
            return targets
        }
    }

    /// Per table, the columns holding strong references.
    var strong: [[Column]]
    /// Per table, the columns holding weak references.
    var weak: [[Column]]

    /// The reference columns of `schema`.
    init(schema: DatabaseSchema) {
        func columns(_ table: TableSchema, _ kind: BaseType.ReferenceType) -> [Column] {
            table.columns.compactMap { column in
                func target(_ base: BaseType?) -> Int? {
                    guard let base, base.isReference, base.refType == kind, let name = base.refTable else { return nil }
                    return schema.tableIndex(named: name)
                }
                let key = target(column.type.key)
                let value = target(column.type.value)
                guard key != nil || value != nil else { return nil }
                return Column(index: column.index, type: column.type, keyTable: key, valueTable: value)
            }
        }
        strong = schema.tables.map { columns($0, .strong) }
        weak = schema.tables.map { columns($0, .weak) }
    }
}
