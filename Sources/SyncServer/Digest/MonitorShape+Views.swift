import Digest
import OVSDB

extension MonitorShape {
    /// The view (Docs/digest-protocol.md section 1) of each table of this shape, parsed
    /// from the `<monitor-cond-requests>` it was made from: the monitored columns (the
    /// view leaves out `_uuid` and `_version`) and the `where` of the table's first
    /// request object, kept as the client wrote it (`[true]` stays `[true]`), because
    /// the view commitment names the condition's JSON and must match the client's.
    ///
    /// Called by the `digest_resync` handler after the shape was parsed from the same
    /// `requests`, so its errors (OVSDB errors, as for `monitor_cond`) are those of
    /// requests the shape accepted but a view cannot represent.
    func views(requests: JSONObject, schema: DatabaseSchema) throws(OVSDBError) -> [TableView] {
        var views: [TableView] = []
        for monitored in tables {
            let table = schema.tables[monitored.table]
            let request = requests[table.name]
            let first = request?.arrayValue?.first ?? request
            let condition = try Condition(json: first?["where"]?.arrayValue ?? [], table: table)
            do {
                views.append(try TableView(table: table, columns: monitored.columns.map(\.index), condition: condition))
            } catch {
                throw OVSDBError.syntax(request, "table \(table.name): \(error)")
            }
        }
        return views
    }
}
