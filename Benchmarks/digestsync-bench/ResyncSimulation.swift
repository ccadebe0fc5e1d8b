import BenchmarkSupport
import Digest
import IBLT
import OVSDB

/// One table of Logical_Flow rows from `SouthboundSnapshot`, a client replica of it, and
/// whole digest exchanges between them through `ClientExchange` and `ServerExchange`,
/// with every message serialized as the JSON-RPC text that would cross the wire.
struct ResyncSimulation {
    /// What one exchange cost.
    struct Result {
        var outcome: String
        var roundTrips = 0
        var upBytes = 0
        var downBytes = 0
        /// Time the server spent answering: planning, estimator, IBF, decoding, composing
        /// and serializing replies (the view digest itself is kept by `DigestIndex`).
        var serverSeconds = 0.0
    }

    static let schemaJSON: JSON = [
        "name": "OVN_Southbound",
        "tables": ["Logical_Flow": ["columns": [
            "logical_datapath": ["type": ["key": "uuid", "min": 0, "max": 1]],
            "pipeline": ["type": "string"], "table_id": ["type": "integer"], "priority": ["type": "integer"],
            "match": ["type": "string"], "actions": ["type": "string"],
            "external_ids": ["type": ["key": "string", "value": "string", "min": 0, "max": "unlimited"]],
        ]]],
    ]

    let table: TableSchema
    let view: TableView
    let schema: SHA256Digest
    /// The server's rows after the changes.
    private(set) var server: [OVSDBUUID: Row] = [:]
    /// The client's rows, as before the changes.
    let replica: [OVSDBUUID: Row]

    /// The Logical_Flow rows of a snapshot of `switches` logical switches.
    init(switches: Int, seed: UInt64) throws {
        let database = try DatabaseSchema(json: Self.schemaJSON)
        guard let table = database.table(named: "Logical_Flow") else { throw BenchFailure("no Logical_Flow") }
        self.table = table
        schema = database.digestFingerprint
        view = try TableView(table: table, columns: nil)
        let snapshot = try JSON(parsing: SouthboundSnapshot(switches: switches, portsPerSwitch: 12, seed: seed).generate())
        var rows: [OVSDBUUID: Row] = [:]
        for (text, json) in snapshot["Logical_Flow"]?.objectValue ?? JSONObject() {
            guard let uuid = OVSDBUUID(text) else { throw BenchFailure("bad uuid \(text)") }
            var row = Row(table: table, uuid: uuid)
            try row.update(json: json, table: table)
            rows[uuid] = row
        }
        server = rows
        replica = rows
    }

    /// Changes the `actions` of `count` server rows, as a northd recompute would.
    mutating func modify(count: Int, using random: inout SplitMix64) {
        guard let column = table.columnIndex(named: "actions") else { return }
        for uuid in server.keys.sorted().shuffled(using: &random).prefix(count) {
            server[uuid]?[column] = Datum(.string("reg9[\(random.next() % 32)] = 1; next;"))
        }
    }

    /// The rows whose values differ between the server and the replica.
    var differingRows: [OVSDBUUID] {
        server.compactMap { uuid, row in replica[uuid] == row ? nil : uuid }
    }

    /// table-updates2 with the rows `uuids` as `initial` rows, defaults omitted.
    func updates(_ uuids: some Sequence<OVSDBUUID>) -> JSON {
        var rows = JSONObject()
        for uuid in uuids {
            guard let row = server[uuid] else { continue }
            rows[uuid.description] = ["initial": row.json(table: table, columns: view.columns, omittingDefaults: true)]
        }
        return [table.name: .object(rows)]
    }

    /// Bytes and server time of a plain full snapshot reply (`monitor_cond_since` with
    /// found false), the baseline.
    func fullFetch() -> (bytes: Int, seconds: Double) {
        var bytes = 0
        let time = ContinuousClock().measure {
            let result: JSON = [false, "00000000-0000-0000-0000-000000000000", updates(server.keys)]
            bytes = Self.wireBytes(.reply(result: result, id: 1))
        }
        return (bytes, nanoseconds(time) / 1e9)
    }

    /// The bytes of `message` on the wire.
    static func wireBytes(_ message: JSONRPCMessage) -> Int {
        var output: [UInt8] = []
        message.serialize(into: &output)
        return output.count
    }

    /// One whole exchange in `mode`.
    func exchange(mode: ResyncMode, planner: ResyncPlanner, seed: UInt64) throws -> Result {
        let clientView = try ViewDigest(tables: [TableDigest(view: view, memberRows: Array(replica.values))])
        var serverView = try ViewDigest(tables: [TableDigest(view: view, rows: Array(server.values))])
        _ = serverView.commitment  // kept up to date by DigestIndex before any request arrives
        var client = ClientExchange(view: clientView, schema: schema, mode: mode, seed: seed, planner: planner)
        var result = Result(outcome: "")
        let open = DigestRequest.resync(database: "OVN_Southbound", monitorID: "m",
                                        requests: ["Logical_Flow": [[:]]], offer: client.offer)
        var request = try send(open, result: &result)
        var server: ServerExchange?
        while true {
            var replyBytes = 0
            var reply = ResyncReply.inSync(lastTransactionID: .zero)
            let time = try ContinuousClock().measure {
                let action: ServerExchange.Action
                switch request {
                case .resync(_, _, _, let offer):
                    var opened = ServerExchange(offer: offer, view: serverView, schema: schema, planner: planner)
                    action = try opened.open()
                    server = opened
                case .continue(_, let step):
                    action = try server?.handle(step) ?? .full(.decodeFailed)
                }
                reply = self.reply(to: action)
                replyBytes = Self.wireBytes(.reply(result: reply.json, id: 1))
            }
            result.serverSeconds += nanoseconds(time) / 1e9
            result.downBytes += replyBytes
            switch try client.handle(reply) {
            case .send(let step):
                request = try send(.continue(monitorID: "m", step: step), result: &result)
            case .finished(let outcome):
                result.outcome = Self.describe(outcome)
                return result
            }
        }
    }

    private func reply(to action: ServerExchange.Action) -> ResyncReply {
        switch action {
        case .reply(let reply): return reply
        case .inSync: return .inSync(lastTransactionID: .zero)
        case .full(let reason): return .full(lastTransactionID: .zero, updates: updates(server.keys), reason: reason)
        case .done(let rows, let keys): return .done(lastTransactionID: .zero, updates: updates(rows.map(\.uuid)), deletedKeys: keys)
        }
    }

    /// Serializes `request` as JSON-RPC text, counts it, and parses it back as the server would.
    private func send(_ request: DigestRequest, result: inout Result) throws -> DigestRequest {
        var output: [UInt8] = []
        JSONRPCMessage.request(method: request.method, params: request.params.arrayValue ?? [], id: 1).serialize(into: &output)
        result.upBytes += output.count
        result.roundTrips += 1
        let parsed = try JSON(parsing: output)
        return try DigestRequest(method: request.method, params: parsed["params"] ?? [])
    }

    private static func describe(_ outcome: ClientExchange.Outcome) -> String {
        switch outcome {
        case .inSync: return "in_sync"
        case .difference(_, _, let deleted): return "done(\(deleted.count) deleted)"
        case .full(_, _, let reason): return "full(\(reason.rawValue))"
        }
    }
}

/// A failure of the benchmark's own setup.
struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
