import OVSDB

/// One table's ``MonitorRequest`` resolved against the database schema: the table, and
/// the monitored columns as indexes (never `_uuid` or `_version`).
struct TableMonitor: Hashable, Sendable {
    /// The table.
    let table: TableSchema
    /// The monitored columns, as indexes into `table.columns`, in request order.
    let columns: [Int]

    /// Resolves `request` for `table`; throws for a column the table lacks, a column named
    /// twice, or `_uuid`/`_version`.
    init(table: TableSchema, request: MonitorRequest) throws(SyncClientError) {
        self.table = table
        if let names = request.columns {
            var indexes: [Int] = []
            for name in names {
                guard let index = table.columnIndex(named: name) else {
                    throw .invalidConfiguration("table \(table.name) has no column \(name)")
                }
                guard index > TableSchema.versionColumn else {
                    throw .invalidConfiguration("column \(name) of table \(table.name) cannot be monitored")
                }
                guard !indexes.contains(index) else {
                    throw .invalidConfiguration("column \(name) of table \(table.name) is named twice")
                }
                indexes.append(index)
            }
            columns = indexes
        } else {
            columns = table.userColumns.map(\.index)
        }
    }

    /// The monitored columns' names, in request order.
    var columnNames: [String] { columns.map { table.columns[$0].name } }

    /// The `<monitor-request>` object for this table: `columns`, and `where` when
    /// `condition` is given and not empty (`monitor_cond`, `monitor_cond_since` and
    /// `digest_resync` only; plain `monitor` has no conditions).
    func requestJSON(condition: Condition?) -> JSON {
        var object: JSONObject = ["columns": .array(columnNames.map { .string($0) })]
        if let condition, !condition.clauses.isEmpty {
            object["where"] = condition.json
        }
        return .object(object)
    }
}
