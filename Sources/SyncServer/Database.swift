import OVSDB

/// An OVSDB database as a value: a schema and one ``Table`` per schema table, in schema
/// order.
///
/// Copies are O(1) and independent (the tables are persistent maps), so the server can
/// hand the current database to a monitor or a digest resync as a consistent snapshot
/// while later commits produce new values. A database only changes through
/// ``TransactionExecutor`` (a `transact` request) or through the storage replaying a log,
/// both of which run the full commit pipeline (``Transaction/commit()``).
public struct Database: Sendable {
    /// The schema.
    public let schema: DatabaseSchema
    /// The tables, parallel to `schema.tables`.
    public internal(set) var tables: [Table]
    /// The schema's reference columns, for the commit checks.
    let references: ReferenceColumns

    /// An empty database of `schema`.
    public init(schema: DatabaseSchema) {
        self.schema = schema
        tables = schema.tables.map(Table.init(schema:))
        references = ReferenceColumns(schema: schema)
    }

    /// The table called `name`.
    public func table(named name: String) -> Table? {
        schema.tableIndex(named: name).map { tables[$0] }
    }

    /// The row `reference` names, if it exists.
    public subscript(reference: RowReference) -> Row? {
        tables[reference.table].rows[reference.uuid]
    }

    /// The total number of rows.
    public var rowCount: Int {
        tables.reduce(0) { $0 + $1.count }
    }
}
