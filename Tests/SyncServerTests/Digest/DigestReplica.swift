import Digest
import IBLT
import OVSDB
import Testing

/// A client's copy of one monitor request's view, for the endpoint tests: rows per
/// table, loaded from initial rows and kept current from update2/update3 bodies, with
/// its view digest computed from scratch (the reference the server's incremental index
/// must agree with), and the driver of a whole exchange over a ``TestClient``.
struct DigestReplica {
    let schema: DatabaseSchema
    /// The `<monitor-cond-requests>` object.
    let requests: JSON
    /// The view of each requested table.
    let views: [String: TableView]
    /// The rows, per table.
    var rows: [String: [OVSDBUUID: Row]] = [:]

    /// A replica of the view `requests` asks for, with no rows yet.
    init(schema: DatabaseSchema, requests: JSON) throws {
        self.schema = schema
        self.requests = requests
        var views: [String: TableView] = [:]
        for (name, request) in try #require(requests.objectValue) {
            let table = try #require(schema.table(named: name))
            let first = request.arrayValue?.first ?? request
            let columns = first["columns"]?.arrayValue?.compactMap(\.stringValue)
            let condition = try Condition(json: first["where"]?.arrayValue ?? [], table: table)
            views[name] = try TableView(table: table, columnNames: columns, condition: condition)
        }
        self.views = views
    }

    /// The digest of the rows held.
    func viewDigest() throws -> ViewDigest {
        try ViewDigest(tables: views.map { name, view in TableDigest(view: view, memberRows: Array(rows[name, default: [:]].values)) })
    }

    /// Applies a table-updates2 object (`initial`, `insert`, `modify`, `delete`).
    mutating func apply(_ updates: JSON) throws {
        for (name, tableUpdates) in try #require(updates.objectValue) {
            let table = try #require(schema.table(named: name))
            for (uuidText, change) in try #require(tableUpdates.objectValue) {
                let uuid = try #require(OVSDBUUID(uuidText))
                let (kind, values) = try #require(change.objectValue?.first)
                switch kind {
                case "initial", "insert":
                    var row = Row(table: table, uuid: uuid)
                    try row.update(json: values, table: table)
                    rows[name, default: [:]][uuid] = row
                case "modify":
                    var row = try #require(rows[name]?[uuid])
                    for (column, diff) in try #require(values.objectValue) {
                        let index = try #require(table.columnIndex(named: column))
                        let type = table.columns[index].type
                        row.values[index] = try row.values[index].applying(diff: try Datum(json: diff, type: type), type: type)
                    }
                    rows[name, default: [:]][uuid] = row
                case "delete":
                    #expect(rows[name]?.removeValue(forKey: uuid) != nil, "delete of a row the replica lacks")
                default:
                    Issue.record("unknown row update \(kind)")
                }
            }
        }
    }

    /// Replaces every row with the `initial` rows of `updates`.
    mutating func load(_ updates: JSON) throws {
        rows = [:]
        try apply(updates)
    }

    /// The rows as comparable text: table, UUID and each viewed column's JSON.
    var contents: [String: [OVSDBUUID: JSON]] {
        var result: [String: [OVSDBUUID: JSON]] = [:]
        for (name, view) in views {
            result[name] = (rows[name] ?? [:]).mapValues { $0.json(table: view.table, columns: view.columns) }
        }
        return result
    }
}
