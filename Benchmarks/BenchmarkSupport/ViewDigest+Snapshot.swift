import Digest
import OVSDB

extension ViewDigest {
    /// The digest of a replica holding `snapshot` (`table-updates2` with `initial` rows)
    /// of a monitor of every table of `schema` with all its columns and no condition
    /// (``RawJSONRPCClient/monitorRequests(everyTableOf:)``): the view that
    /// `digestsync-bench resync`'s probes share, as a `SyncClient` holding the same rows
    /// would build it. Throws if a row does not fit the schema.
    public init(snapshot: JSON, schema: DatabaseSchema) throws {
        var tables: [TableDigest] = []
        for table in schema.tables {
            let view = try TableView(table: table, columnNames: table.userColumns.map(\.name))
            var rows: [Row] = []
            for (text, update) in snapshot[table.name]?.objectValue ?? JSONObject() {
                guard let uuid = OVSDBUUID(text), let values = update["initial"] else {
                    throw SnapshotError.malformedRow("replica", table: table.name, uuid: text)
                }
                var row = Row(table: table, uuid: uuid)
                try row.update(json: values, table: table)
                rows.append(row)
            }
            tables.append(TableDigest(view: view, memberRows: rows))
        }
        try self.init(tables: tables)
    }
}
