import BenchmarkSupport
import Digest
import OVSDB
import OVSTestSupport
import Testing
@testable import SyncServer

/// A served `Test` database with `Child` and `Simple` rows, a writer client and a
/// replica loaded from it: the starting point of the endpoint tests.
struct DigestFixture {
    let harness: ServerHarness
    let writer: TestClient
    let schema: DatabaseSchema
    private var generator: SplitMix64

    /// `Child {k, tag}` rows with `k` below 500 (every column), and `Simple {name, i}`.
    static let childAndSimple: JSON = [
        "Child": [["columns": ["k", "tag"], "where": [["k", "<", 500]]]],
        "Simple": [["columns": ["name", "i", "s", "m"]]],
    ]

    /// A server with `children` Child rows (k uniform in 0..<1000) and `simples` Simple
    /// rows, each set in one transaction.
    init(children: Int, simples: Int = 0, seed: UInt64 = 1, digest: DigestConfiguration = DigestConfiguration()) throws {
        harness = try ServerHarness(digest: digest)
        writer = try harness.connect()
        schema = try DatabaseSchema(json: ServerTestSchema.json)
        generator = SplitMix64(seed: seed)
        var operations: [JSON] = []
        for _ in 0..<children { operations.append(childInsert()) }
        for number in 0..<simples { operations.append(simpleInsert(number)) }
        try commit(operations)
    }

    /// A Child insert with random `k` and `tag`.
    mutating func childInsert() -> JSON {
        ["op": "insert", "table": "Child",
         "row": ["k": .integer(Int64.random(in: 0..<1000, using: &generator)), "tag": .string("t\(generator.next() % 7)")]]
    }

    /// A Simple insert named `s<number>`.
    func simpleInsert(_ number: Int) -> JSON {
        ["op": "insert", "table": "Simple",
         "row": ["name": .string("s\(number)"), "i": .integer(Int64(number)), "s": ["set", ["a", .string("x\(number)")]],
                 "m": ["map", [["k", .string("v\(number)")]]]]]
    }

    /// Runs `operations` on `Test` in one transaction and checks that every one of them
    /// succeeded.
    func commit(_ operations: [JSON]) throws {
        let reply = try #require(try writer.call("transact", ["Test"] + operations).last)
        let results = try #require(reply["result"]?.arrayValue)
        #expect(results.count == operations.count && results.allSatisfy { $0["error"] == nil }, "\(reply)")
    }

    /// A fresh `monitor_cond` fetch of `requests` on a new connection: the reference a
    /// resynced replica must equal.
    func freshFetch(_ requests: JSON) throws -> DigestReplica {
        var replica = try DigestReplica(schema: schema, requests: requests)
        let client = try harness.connect()
        try replica.load(try client.result("monitor_cond", ["Test", "fresh", requests]))
        try client.channel.close().wait()
        return replica
    }

    /// The id of the newest transaction, from `monitor_cond_since` on a new connection.
    func latestTransactionID() throws -> String {
        let client = try harness.connect()
        defer { _ = client.channel.close() }
        let result = try client.result("monitor_cond_since", ["Test", "latest", ["Child": [["columns": ["k"]]]], "00000000-0000-0000-0000-000000000000"])
        return try #require(result[1]?.stringValue)
    }

    /// UUIDs of the rows of `table` matching `where`, from a select.
    func uuids(_ table: String, where clauses: JSON = []) throws -> [String] {
        let reply = try #require(try writer.call("transact", ["Test", ["op": "select", "table": .string(table), "where": clauses, "columns": ["_uuid"]]]).last)
        return try #require(reply["result"]?[0]?["rows"]?.arrayValue).compactMap { $0["_uuid"]?[1]?.stringValue }.sorted()
    }

    /// A random draw from the fixture's generator.
    mutating func random(_ range: Range<Int>) -> Int {
        Int.random(in: range, using: &generator)
    }
}

/// The rows a resync must send (present on the server and absent or different on the
/// client) and delete (present on the client and absent or different on the server),
/// from the two replicas' contents: an independent account of the difference.
func expectedDifference(client: DigestReplica, server: DigestReplica) -> (send: Set<String>, delete: Set<String>) {
    var send = Set<String>()
    var delete = Set<String>()
    let mine = client.contents
    let theirs = server.contents
    for (table, rows) in theirs {
        for (uuid, row) in rows where mine[table]?[uuid] != row { send.insert("\(table)/\(uuid)") }
    }
    for (table, rows) in mine {
        for (uuid, row) in rows where theirs[table]?[uuid] != row { delete.insert("\(table)/\(uuid)") }
    }
    return (send, delete)
}
