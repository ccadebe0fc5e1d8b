import OVSDB
import OVSTestSupport
@testable import SyncClient

/// Replica contents by column name: `table -> uuid -> column -> value`, for comparing
/// replicas whose schemas list the columns in another order.
typealias ReplicaContents = [String: [OVSDBUUID: [String: Datum]]]

extension ReplicaSnapshot {
    /// The monitored columns of every row, by name.
    var contents: ReplicaContents {
        tables.mapValues { table in
            Dictionary(uniqueKeysWithValues: table.rows.map { uuid, row in
                (uuid, Dictionary(uniqueKeysWithValues: table.columns.map { (table.schema.columns[$0].name, row[$0]) }))
            })
        }
    }
}

extension TestServer {
    /// What a fresh full fetch returns for `requests`: one raw `monitor_cond` on a new
    /// connection, its `initial` rows read with the schema (columns omitted in update2
    /// hold their default), independently of the client's replica code.
    func freshFetch(_ requests: [String: MonitorRequest], schema: DatabaseSchema) async throws -> ReplicaContents {
        let socketPath = self.socketPath
        return try await offload { try Self.fetch(requests, schema: schema, socketPath: socketPath) }
    }

    private static func fetch(_ requests: [String: MonitorRequest], schema: DatabaseSchema,
                              socketPath: String) throws -> ReplicaContents {
        var monitorRequests = JSONObject()
        var columnsByTable: [String: [ColumnSchema]] = [:]
        for (name, request) in requests {
            guard let table = schema.table(named: name) else { throw ToolFailure(description: "no table \(name)") }
            let columns = request.columns.map { names in names.compactMap { table.column(named: $0) } } ?? Array(table.userColumns)
            columnsByTable[name] = columns
            monitorRequests[name] = [["columns": .array(columns.map { .string($0.name) }), "where": .array(request.condition)]]
        }
        let connection = try UnixSocketConnection(path: socketPath)
        var bytes: [UInt8] = []
        JSONRPCMessage.request(method: "monitor_cond", params: ["Test", nil, .object(monitorRequests)], id: 1).serialize(into: &bytes)
        try connection.send(bytes)
        guard case .reply(let updates, _)? = try connection.receiveMessages(1, timeout: 10).first else {
            throw ToolFailure(description: "monitor_cond failed")
        }
        var contents: ReplicaContents = [:]
        for (name, columns) in columnsByTable {
            var rows: [OVSDBUUID: [String: Datum]] = [:]
            for (uuidText, change) in updates[name]?.objectValue ?? [:] {
                guard let uuid = OVSDBUUID(uuidText), let values = change["initial"] else {
                    throw ToolFailure(description: "unexpected row update \(change)")
                }
                var row: [String: Datum] = [:]
                for column in columns {
                    row[column.name] = try values[column.name].map { try Datum(json: $0, type: column.type) }
                        ?? Datum.defaultValue(for: column.type)
                }
                rows[uuid] = row
            }
            contents[name] = rows
        }
        return contents
    }
}
