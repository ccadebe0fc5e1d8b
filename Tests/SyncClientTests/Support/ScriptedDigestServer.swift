import Digest
import OVSDB
import Testing

/// The server side of the digest protocol without a network: Digest's `ServerExchange`
/// over a table of rows, answering `digest_resync` and `digest_continue` params as the
/// DigestSync server will (Docs/digest-protocol.md), so the client's digest path can be
/// tested before the server endpoint exists.
struct ScriptedDigestServer {
    let schema: DatabaseSchema
    /// The server's rows, per table.
    var rows: [String: [OVSDBUUID: Row]]
    let lastTransactionID = OVSDBUUID.random()
    private var views: [String: TableView] = [:]
    private var exchange: ServerExchange?

    init(schema: DatabaseSchema, rows: [String: [OVSDBUUID: Row]]) {
        self.schema = schema
        self.rows = rows
    }

    /// The result of a `digest_resync` (params `[db, id, requests, offer]`) or
    /// `digest_continue` (params `[id, step]`).
    mutating func answer(_ method: String, _ params: [JSON]) throws -> JSON {
        let action: ServerExchange.Action
        if method == DigestRequest.resyncMethod {
            views = try Self.views(params[2], schema: schema)
            var exchange = ServerExchange(offer: try ResyncOffer(json: params[3]), view: try view(),
                                          schema: schema.digestFingerprint, planner: ResyncPlanner())
            action = try exchange.open()
            self.exchange = exchange
        } else {
            var exchange = try #require(exchange)
            action = try exchange.handle(try ResyncStep(json: params[1]))
            self.exchange = exchange
        }
        switch action {
        case .reply(let reply): return reply.json
        case .inSync: return ResyncReply.inSync(lastTransactionID: lastTransactionID).json
        case .full(let reason):
            let all = views.flatMap { name, _ in rows[name, default: [:]].keys.map { RowReference(table: name, uuid: $0) } }
            return ResyncReply.full(lastTransactionID: lastTransactionID, updates: updates(all), reason: reason).json
        case .done(let references, let deleted):
            return ResyncReply.done(lastTransactionID: lastTransactionID, updates: updates(references), deletedKeys: deleted).json
        }
    }

    /// The view digest of the server's rows.
    func view() throws -> ViewDigest {
        try ViewDigest(tables: views.map { name, view in TableDigest(view: view, rows: Array(rows[name, default: [:]].values)) })
    }

    private func updates(_ references: [RowReference]) -> JSON {
        var tables = JSONObject()
        for reference in references {
            guard let view = views[reference.table], let row = rows[reference.table]?[reference.uuid] else { continue }
            var table = tables[reference.table]?.objectValue ?? [:]
            table[reference.uuid.description] = ["initial": row.json(table: view.table, columns: view.columns, omittingDefaults: true)]
            tables[reference.table] = .object(table)
        }
        return .object(tables)
    }

    private static func views(_ requests: JSON, schema: DatabaseSchema) throws -> [String: TableView] {
        var views: [String: TableView] = [:]
        for (name, request) in try #require(requests.objectValue) {
            let table = try #require(schema.table(named: name))
            let first = try #require(request[0])
            let columns = first["columns"]?.arrayValue?.compactMap(\.stringValue)
            let condition = try Condition(json: first["where"]?.arrayValue ?? [], table: table)
            views[name] = try TableView(table: table, columnNames: columns, condition: condition)
        }
        return views
    }
}
