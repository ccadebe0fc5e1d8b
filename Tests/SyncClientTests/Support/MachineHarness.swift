import BenchmarkSupport
import Logging
import OVSDB
import Testing
@testable import SyncClient

/// Drives a ``ConnectionStateMachine`` as a scripted server would: records what it sends
/// and reports, and answers its requests by method name.
struct MachineHarness {
    var machine: ConnectionStateMachine
    /// Requests sent and not answered yet, oldest first.
    var outstanding: [(method: String, params: [JSON], id: JSON)] = []
    /// Every request method sent, in order.
    var sentMethods: [String] = []
    var states: [ConnectionState] = []
    var batches: [ChangeBatch] = []
    var closes = 0
    var connects: [OVSDBRemote] = []
    var retries: [Duration] = []
    var transactions: [Int: Result<[JSON], SyncClientError>] = [:]
    var conditionResults: [Int: Result<Void, SyncClientError>] = [:]

    init(configuration: ClientConfiguration, replica: Replica? = nil, seed: UInt64 = 1) {
        machine = ConnectionStateMachine(configuration: configuration,
                                         replica: replica ?? Replica(database: configuration.database),
                                         logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                                         generator: SplitMix64(seed: seed))
    }

    /// A configuration for the test schema on one or more unix remotes.
    static func configuration(remotes: Int = 1, digest: ClientConfiguration.DigestMode = .ibf,
                              tables: [String: MonitorRequest]? = nil) -> ClientConfiguration {
        var configuration = ClientConfiguration(
            remotes: (0..<remotes).map { .unix(path: "/tmp/remote\($0).sock") }, database: "Test",
            tables: tables ?? ["Simple": MonitorRequest(columns: ["name", "i", "s", "m", "opt"]),
                               "Child": .all])
        configuration.digestMode = digest
        return configuration
    }

    var lastState: ConnectionState? { states.last }

    mutating func record(_ actions: [ConnectionStateMachine.Action]) {
        for action in actions {
            switch action {
            case .connect(let remote): connects.append(remote)
            case .send(.request(let method, let params, let id)):
                outstanding.append((method, params, id))
                sentMethods.append(method)
            case .send: break
            case .close:
                closes += 1
                outstanding = []
            case .scheduleRetry(let delay): retries.append(delay)
            case .replicaChanged(let batch): batches.append(batch)
            case .stateChanged(let state): states.append(state)
            case .completeTransaction(let token, let result): transactions[token] = result
            case .completeCondition(let token, let result): conditionResults[token] = result
            }
        }
    }

    /// Starts and opens the connection.
    mutating func connect() {
        record(machine.start())
        record(machine.connectionEstablished())
    }

    /// The oldest outstanding request of `method`.
    func request(_ method: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (params: [JSON], id: JSON) {
        let found = try #require(outstanding.first { $0.method == method },
                                 "no outstanding \(method); sent \(sentMethods)", sourceLocation: sourceLocation)
        return (found.params, found.id)
    }

    /// Answers the oldest outstanding request of `method` with `result`.
    mutating func reply(_ method: String, _ result: JSON, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let id = try take(method, sourceLocation: sourceLocation)
        record(machine.received(.reply(result: result, id: id)))
    }

    /// Answers the oldest outstanding request of `method` with an error.
    mutating func refuse(_ method: String, _ error: JSON = "unknown method",
                         sourceLocation: SourceLocation = #_sourceLocation) throws {
        let id = try take(method, sourceLocation: sourceLocation)
        record(machine.received(.error(error: error, id: id)))
    }

    private mutating func take(_ method: String, sourceLocation: SourceLocation) throws -> JSON {
        let index = try #require(outstanding.firstIndex { $0.method == method },
                                 "no outstanding \(method); sent \(sentMethods)", sourceLocation: sourceLocation)
        return outstanding.remove(at: index).id
    }

    mutating func notify(_ method: String, _ params: [JSON]) {
        record(machine.received(.notification(method: method, params: params)))
    }

    /// The connection drops; the backoff timer fires and the next connection opens.
    mutating func reconnect() {
        outstanding = []
        record(machine.connectionClosed("test"))
        record(machine.retryTimerFired())
        record(machine.connectionEstablished())
    }

    /// The `_Server` monitor reply with one `Database` row for `database`.
    static func serverRows(model: String = "standalone", schema: JSON = TestSchema.json, leader: Bool = true,
                           connected: Bool = true, index: Int64? = nil, database: String = "Test") -> JSON {
        var row: JSONObject = ["name": .string(database), "model": .string(model), "connected": .bool(connected),
                               "leader": .bool(leader), "schema": .string(schema.serializedString(sortingKeys: true))]
        if let index { row["index"] = .integer(index) }
        return ["Database": ["11111111-2222-3333-4444-555555555555": ["initial": .object(row)]]]
    }

    /// Runs the handshake up to the data monitor request: `_Server` schema and monitor.
    mutating func handshake(model: String = "standalone", index: Int64? = nil) throws {
        try reply("get_schema", [:])
        try reply("monitor_cond", Self.serverRows(model: model, index: index))
    }
}

/// A table-updates2 object of `initial` rows.
func initialRows(_ table: String, _ rows: [(OVSDBUUID, JSON)]) -> JSON {
    var object = JSONObject()
    for (uuid, row) in rows { object[uuid.description] = ["initial": row] }
    return [table: .object(object)]
}

/// Fixed UUIDs for the scripted tests.
func uuid(_ n: Int) -> OVSDBUUID {
    OVSDBUUID(high: 0x1000_0000_0000_4000 | UInt64(n) << 16, low: 0x8000_0000_0000_0000 | UInt64(n))
}
