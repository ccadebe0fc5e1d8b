import HashTreeCollections
import OVSDB

/// The replicated rows of one monitored table: part of a ``ReplicaSnapshot``.
///
/// A value backed by a persistent map (`TreeDictionary`), so holding one costs nothing
/// while the client goes on applying updates to its own copy.
public struct ReplicaTable: Sendable {
    /// The table's schema.
    public let schema: TableSchema
    /// The monitored columns, as indexes into `schema.columns`, in request order.
    public let columns: [Int]
    /// The rows by UUID.
    public internal(set) var rows: TreeDictionary<OVSDBUUID, Row>
    /// A flag per column index of `schema`: monitored or not.
    let isMonitored: [Bool]

    /// An empty table monitoring `columns` of `schema`.
    init(schema: TableSchema, columns: [Int]) {
        self.schema = schema
        self.columns = columns
        rows = [:]
        var flags = Array(repeating: false, count: schema.columns.count)
        for index in columns where flags.indices.contains(index) { flags[index] = true }
        isMonitored = flags
    }

    /// The table's name.
    public var name: String { schema.name }

    /// The monitored columns' names, in request order.
    public var columnNames: [String] { columns.map { schema.columns[$0].name } }

    /// Number of rows.
    public var count: Int { rows.count }

    /// The row with `uuid`, if replicated.
    public subscript(uuid: OVSDBUUID) -> ReplicaRow? {
        rows[uuid].map { ReplicaRow(table: schema, row: $0) }
    }

    /// Every row, in no particular order.
    public var allRows: [ReplicaRow] { rows.values.map { ReplicaRow(table: schema, row: $0) } }
}

extension ReplicaTable: Equatable {
    /// Same table name, same monitored columns and the same rows.
    public static func == (lhs: ReplicaTable, rhs: ReplicaTable) -> Bool {
        lhs.schema.name == rhs.schema.name && lhs.columns == rhs.columns && lhs.rows == rhs.rows
    }
}
