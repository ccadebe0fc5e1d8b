import Testing
@testable import OVSDB
@testable import SyncServer

/// `monitor_cond_since` with the transaction history: resuming with a known id sends
/// only what changed, across a restart too; unknown and zero ids get everything.
@Suite struct MonitorCondSinceTests {
    private static let zero: JSON = "00000000-0000-0000-0000-000000000000"
    private static let request: JSON = ["Simple": [["columns": ["name", "i"]]]]

    /// Seeds rows so the history's atom bound keeps several transactions.
    private static func seeded() throws -> (ServerHarness, TestClient) {
        let server = try ServerHarness()
        let client = try server.connect()
        let rows: [JSON] = (0..<200).map { ["op": "insert", "table": "Simple", "row": ["name": .string("seed\($0)"), "i": .integer(Int64($0))]] }
        _ = try client.call("transact", ["Test"] + rows)
        return (server, client)
    }

    @Test func resumingFromAKnownIdSendsOnlyTheMergedChangesSince() throws {
        let (server, writer) = try Self.seeded()
        let reader = try server.connect()
        let reply = try reader.result("monitor_cond_since", ["Test", "m", Self.request, Self.zero])
        #expect(reply[0] == false && reply[2]?["Simple"]?.objectValue?.count == 200)
        let row = try writer.insertSimple(["name": "c1", "i": 1])
        let update = JSON.array(try #require(updates(in: try reader.receive()).first))
        let seen = try #require(update[1])
        #expect(update[2]?["Simple"]?[row] == ["insert": ["name": "c1", "i": 1]])

        try reader.channel.close().wait()
        for value in [10, 11, 12] { _ = try writer.updateSimple(row, ["i": .integer(Int64(value))]) }
        let passing = try writer.insertSimple(["name": "c2"])
        _ = try writer.transact(["op": "delete", "table": "Simple", "where": [["_uuid", "==", ["uuid", .string(passing)]]]])

        let again = try server.connect()
        let resumed = try again.result("monitor_cond_since", ["Test", "m", Self.request, seen])
        let latest = try #require(server.core.database(named: "Test")?.latestTransactionID)
        #expect(resumed == [true, .string(latest.description), ["Simple": [row: ["modify": ["i": 12]]]]])
        let current = try again.result("monitor_cond_since", ["Test", "n", Self.request, .string(latest.description)])
        #expect(current == [true, .string(latest.description), [:]])
        let unknown = try again.result("monitor_cond_since", ["Test", "o", Self.request, "11111111-2222-3333-4444-555555555555"])
        #expect(unknown[0] == false && unknown[1] == .string(latest.description))
        #expect(unknown[2]?["Simple"]?.objectValue?.count == 201)
    }

    @Test func theConditionSentNowFiltersTheChangesSince() throws {
        let (server, writer) = try Self.seeded()
        let start = try #require(server.core.database(named: "Test")?.latestTransactionID)
        let entering = try writer.insertSimple(["name": "in", "i": 777])
        _ = try writer.insertSimple(["name": "out", "i": 5])
        let moved = try writer.transact(["op": "update", "table": "Simple", "where": [["name", "==", "seed3"]], "row": ["i": 777]])
        #expect(moved.last?["result"]?[0]?["count"] == 1)
        let reader = try server.connect()
        let reply = try reader.result("monitor_cond_since", ["Test", "m", ["Simple": [["columns": ["name", "i"], "where": [["i", "==", 777]]]]],
                                                             .string(start.description)])
        let rows = try #require(reply[2]?["Simple"]?.objectValue)
        #expect(rows.count == 2)
        #expect(rows[entering] == ["insert": ["name": "in", "i": 777]])
        #expect(rows.values.contains(["insert": ["name": "seed3", "i": 777]]))
    }

    @Test func theHistorySurvivesARestartOfTheServer() throws {
        let (server, writer) = try Self.seeded()
        let row = try writer.insertSimple(["name": "before", "i": 1])
        let seen = try #require(server.core.database(named: "Test")?.latestTransactionID)
        _ = try writer.updateSimple(row, ["i": 2])
        let latest = try #require(server.core.database(named: "Test")?.latestTransactionID)
        try server.restart()
        #expect(server.core.database(named: "Test")?.latestTransactionID == latest)
        let reader = try server.connect()
        let reply = try reader.result("monitor_cond_since", ["Test", "m", Self.request, .string(seen.description)])
        #expect(reply == [true, .string(latest.description), ["Simple": [row: ["modify": ["i": 2]]]]])
    }

    @Test func serverDatabaseHasNoHistory() throws {
        let client = try ServerHarness().connect()
        let reply = try client.result("monitor_cond_since", ["_Server", "m", ["Database": [["columns": ["name"]]]], Self.zero])
        #expect(reply[0] == false && reply[1] == Self.zero)
    }
}
