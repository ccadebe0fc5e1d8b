import Foundation
import OVSDB
import OVSTestSupport
import Testing

/// The same scripted conversation, three clients at once, with `digestsync serve` and
/// with the real `ovsdb-server`: every message each client receives must be the same,
/// up to object member order and the UUIDs a server draws at random (notes section 17,
/// "raw JSON-RPC golden tests"). Row UUIDs are chosen by the script, so updates name
/// the same rows on both sides.
@Suite(.serialized) struct ProtocolDifferentialTests {
    private static let first = "11111111-0000-4000-8000-000000000001"
    private static let second = "11111111-0000-4000-8000-000000000002"
    private static let child = "22222222-0000-4000-8000-000000000001"

    private struct Step {
        let client: Int
        let method: String
        let params: [JSON]
    }

    private static func where_(_ uuid: String) -> JSON {
        [["_uuid", "==", ["uuid", .string(uuid)]]]
    }

    private static func update(_ uuid: String, _ row: JSON) -> Step {
        Step(client: 0, method: "transact", params: ["Test", ["op": "update", "table": "Simple", "where": where_(uuid), "row": row]])
    }

    private static let script: [Step] = [
        Step(client: 0, method: "list_dbs", params: []),
        Step(client: 0, method: "get_schema", params: ["Test"]),
        Step(client: 0, method: "get_schema", params: ["Nope"]),
        Step(client: 0, method: "get_schema", params: []),
        Step(client: 0, method: "echo", params: ["a", ["b": 1]]),
        Step(client: 0, method: "frobnicate", params: []),
        Step(client: 0, method: "set_db_change_aware", params: ["yes"]),
        Step(client: 0, method: "transact", params: ["Test", ["op": "insert", "table": "Simple", "uuid": .string(first),
                                                              "row": ["name": "pre", "i": 1, "s": ["set", ["a", "b"]], "m": ["map", [["k1", "v1"]]]]]]),
        Step(client: 0, method: "monitor", params: ["Test", "mA", ["Simple": [:]]]),
        Step(client: 1, method: "monitor_cond", params: ["Test", "mB", ["Simple": [["where": [["i", ">=", 1]]]]]]),
        Step(client: 2, method: "monitor_cond", params: ["Test", "mC", ["Simple": [["columns": ["name", "i", "s", "m", "opt"]]],
                                                                         "Child": [["columns": ["k"], "select": ["modify": false]]]]]),
        Step(client: 2, method: "monitor_cond", params: ["Test", "sel", ["Simple": [["columns": ["name"], "select": ["initial": false, "modify": false]],
                                                                                    ["columns": ["i"], "select": ["insert": false, "delete": false]]]]]),
        Step(client: 0, method: "transact", params: ["Test", ["op": "insert", "table": "Simple", "uuid": .string(second), "row": ["name": "x"]]]),
        update(second, ["i": 5]),
        update(second, ["s": ["set", ["a", "b"]], "m": ["map", [["k1", "v1"], ["k2", "v2"]]]]),
        Step(client: 0, method: "transact", params: ["Test", ["op": "mutate", "table": "Simple", "where": where_(second),
                                                              "mutations": [["s", "insert", "c"], ["s", "delete", "a"], ["m", "delete", ["set", ["k1"]]],
                                                                            ["m", "insert", ["map", [["k3", "v3"]]]]]]]),
        update(second, ["m": ["map", [["k2", "v2b"], ["k3", "v3"]]]]),
        update(second, ["opt": 7, "s": "z", "r": 2.5, "b": true]),
        update(second, ["opt": ["set", []]]),
        update(second, ["i": 5]),
        update(second, ["i": 0]),
        Step(client: 1, method: "monitor_cond_change", params: ["mB", "mB2", ["Simple": [["where": [["i", "<", 1]]]]]]),
        Step(client: 1, method: "monitor_cond_change", params: ["mB2", "mB2", ["Simple": [["where": [false]]]]]),
        Step(client: 1, method: "monitor_cond_change", params: ["mB2", "mB2", ["Simple": [["where": []]]]]),
        Step(client: 1, method: "monitor_cond_change", params: ["nope", "x", [:]]),
        Step(client: 1, method: "monitor_cond_change", params: ["mB2", "mB2", ["Simple": [["columns": ["i"], "where": [true]]]]]),
        Step(client: 0, method: "transact", params: ["Test", ["op": "insert", "table": "Child", "uuid": .string(child), "row": ["k": 98]],
                                                     ["op": "update", "table": "Simple", "where": where_(first), "row": ["ref": ["uuid", .string(child)]]]]),
        Step(client: 0, method: "transact", params: ["Test", ["op": "update", "table": "Child", "where": [], "row": ["k": 5, "tag": "t"]]]),
        Step(client: 0, method: "transact", params: ["Test", ["op": "delete", "table": "Child", "where": []]]),
        Step(client: 0, method: "transact", params: ["Test", ["op": "delete", "table": "Simple", "where": where_(second)]]),
        Step(client: 2, method: "monitor_cancel", params: ["mC"]),
        Step(client: 2, method: "monitor_cancel", params: ["mC"]),
        Step(client: 2, method: "monitor_cancel", params: []),
        Step(client: 0, method: "transact", params: ["Test", ["op": "wait", "table": "Simple", "where": [["name", "==", "none"]],
                                                              "columns": ["name"], "until": "==", "rows": [["name": "none"]], "timeout": 0]]),
        Step(client: 0, method: "transact", params: ["_Server", ["op": "select", "table": "Database", "where": [["name", "==", "Test"]],
                                                                 "columns": ["name", "model", "connected", "leader", "cid"]]]),
        Step(client: 0, method: "transact", params: ["_Server", ["op": "insert", "table": "Database", "row": ["name": "x"]]]),
        Step(client: 0, method: "lock", params: ["l1"]),
        Step(client: 1, method: "lock", params: ["l1"]),
        Step(client: 2, method: "steal", params: ["l1"]),
        Step(client: 0, method: "lock", params: ["l1"]),
        Step(client: 2, method: "unlock", params: ["l1"]),
        Step(client: 0, method: "transact", params: ["Test", ["op": "comment", "comment": "x"], ["op": "assert", "lock": "l1"]]),
        Step(client: 1, method: "transact", params: ["Test", ["op": "assert", "lock": "l1"], ["op": "comment", "comment": "x"]]),
        Step(client: 1, method: "unlock", params: ["l2"]),
        Step(client: 1, method: "lock", params: ["bad name"]),
        Step(client: 0, method: "unlock", params: ["l1"]),
        Step(client: 0, method: "monitor_cond", params: ["Test", "e1", ["Nope": [:]]]),
        Step(client: 0, method: "monitor_cond", params: ["Test", "e2", ["Simple": ["columns": ["zz"]]]]),
        Step(client: 0, method: "monitor_cond", params: ["Test", "mA", ["Simple": [:]]]),
        Step(client: 0, method: "monitor_cond", params: ["Test", "e3"]),
        Step(client: 0, method: "monitor_cond_since", params: ["Test", "e4", ["Simple": [:]], "zz"]),
        Step(client: 0, method: "monitor_cond", params: ["Test", "e5", ["Simple": ["where": [["i", "==", "x"]]]]]),
        Step(client: 0, method: "monitor", params: ["Test", "e6", ["Simple": ["where": []]]]),
    ]

    /// Runs the script against one server and returns, per step, what each client
    /// received (its own reply and every notification), UUIDs masked.
    private static func transcript(_ kind: ServerProcess.Kind, arguments: [String] = []) throws -> [[[JSON]]] {
        let directory = try TemporaryDirectory()
        let schema = try directory.write(ServerTestSchema.json.description, to: "test.ovsschema")
        let databases = try ServerProcess.createDatabases([schema], in: directory.path, prefix: "")
        let server = try ServerProcess(kind, databases: databases, directory: directory.path, extraArguments: arguments)
        defer { server.stop() }
        let clients = try (0..<3).map { _ in try RPCClient(path: server.socketPath) }
        let mask = UUIDMask(known: [first, second, child])
        var transcript: [[[JSON]]] = []
        for step in script {
            var received = Array(repeating: [JSON](), count: clients.count)
            received[step.client] = try clients[step.client].call(step.method, step.params)
            for (index, client) in clients.enumerated() {
                received[index] += try client.call("echo", ["sync"]).dropLast()
            }
            // Nothing orders the updates of a session's different monitors (OVS walks
            // them in hash order): compare each client's messages as a set.
            transcript.append(received.map { messages in
                messages.map(mask.mask).sorted { $0.serializedString(sortingKeys: true) < $1.serializedString(sortingKeys: true) }
            })
        }
        return transcript
    }

    /// With connections on the database thread (the default) and on threads of their
    /// own, where every message hops to the database thread and back.
    @Test(arguments: [0, 2])
    func everyClientReceivesWhatOVSDBServerSends(ioThreads: Int) throws {
        let ours = try Self.transcript(.digestsync, arguments: ["--io-threads", "\(ioThreads)"])
        let theirs = try Self.transcript(.ovsdbServer)
        for (number, step) in Self.script.enumerated() {
            for client in 0..<3 where ours[number][client] != theirs[number][client] {
                Issue.record("""
                    step \(number) (client \(step.client) \(step.method) \(step.params)), client \(client):
                      digestsync:   \(ours[number][client])
                      ovsdb-server: \(theirs[number][client])
                    """)
            }
        }
    }
}
