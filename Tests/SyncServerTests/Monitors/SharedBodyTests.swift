import NIOCore
import OVSTestSupport
import Testing
@testable import OVSDB
@testable import SyncServer

/// Monitors with identical requests share one serialized body per commit and one
/// initial snapshot per database version: the same bytes, in each client's own
/// envelope.
@Suite struct SharedBodyTests {
    private static let request: JSON = ["Simple": [["columns": ["name", "i"], "where": [["i", ">=", 0]]]], "Child": [:]]

    /// The address of the bytes of the buffer holding `needle`'s body among `buffers`.
    private static func bodyAddress(_ buffers: [ByteBuffer], containing needle: String) -> UnsafeRawPointer? {
        buffers.first { String(buffer: $0).contains(needle) && !String(buffer: $0).hasPrefix("{\"id\"") }?
            .withUnsafeReadableBytes { $0.baseAddress }
    }

    @Test func identicalMonitorsShareOneSerializationPerCommitAndPerSnapshot() throws {
        let server = try ServerHarness()
        let writer = try server.connect()
        _ = try writer.insertSimple(["name": "seed", "i": 1])
        let first = try server.connect()
        let second = try server.connect()
        let firstInitial = try first.result("monitor_cond", ["Test", "one", Self.request])
        let secondInitial = try second.result("monitor_cond_since", ["Test", ["monid", "x"], Self.request,
                                                                     "00000000-0000-0000-0000-000000000000"])
        #expect(secondInitial[2] == firstInitial)
        let database = try #require(server.core.database(named: "Test"))
        #expect(database.monitors.groupCount == 1)
        let group = try #require(first.channel.isActive ? server.core.sessions.values.first { !$0.monitors.isEmpty }?.monitors.values.first?.group : nil)
        #expect(group.serializations == 1)

        _ = try writer.insertSimple(["name": "shared-row", "i": 2])
        let firstUpdate = try first.receive()
        let secondUpdate = try second.receive()
        #expect(firstUpdate.first?["params"]?[1] == secondUpdate.first?["params"]?[2])
        #expect(firstUpdate.first?["method"] == "update2" && secondUpdate.first?["method"] == "update3")
        #expect(group.serializations == 2)
        let firstBody = Self.bodyAddress(first.buffers, containing: "shared-row")
        #expect(firstBody != nil)
        #expect(firstBody == Self.bodyAddress(second.buffers, containing: "shared-row"))
    }

    /// The benchmark's case: many clients ask for the same whole-database monitor with
    /// `monitor_cond_since` from the zero id; the initial rows are serialized once and
    /// every reply carries those very bytes.
    @Test func manyIdenticalInitialDumpsSerializeTheRowsOnce() throws {
        let server = try ServerHarness()
        let writer = try server.connect()
        for number in 1...50 {
            _ = try writer.transact(["op": "insert", "table": "Child", "row": ["k": .integer(Int64(number)), "tag": "initial-row"]])
        }
        let request: JSON = ["Child": [:], "Simple": [:]]
        let clients = try (0..<20).map { _ in try server.connect() }
        for client in clients {
            try client.request("monitor_cond_since", ["Test", "all", request, "00000000-0000-0000-0000-000000000000"])
        }
        var replies: [JSON] = []
        for client in clients {
            replies += try client.receive().compactMap { $0["result"]?[2] }
        }
        #expect(replies.count == clients.count)
        #expect(Set(replies.map(\.description)).count == 1)
        #expect(replies.first?["Child"]?.objectValue?.count == 50)
        let group = try #require(server.core.database(named: "Test")?.monitors.group(for: MonitorShape(
            requests: request.objectValue ?? [:], schema: DatabaseSchema(json: ServerTestSchema.json), version: .v3)))
        #expect(group.serializations == 1)
        let addresses = Set(clients.compactMap { Self.bodyAddress($0.buffers, containing: "initial-row") })
        #expect(addresses.count == 1)
    }

    @Test func differentConditionsOrColumnsMakeDifferentGroups() throws {
        let server = try ServerHarness()
        let client = try server.connect()
        _ = try client.result("monitor_cond", ["Test", 1, ["Simple": ["where": [["i", "==", 1]]]]])
        _ = try client.result("monitor_cond", ["Test", 2, ["Simple": ["where": [["i", "==", 2]]]]])
        _ = try client.result("monitor_cond", ["Test", 3, ["Simple": ["columns": ["i"], "where": [["i", "==", 1]]]]])
        _ = try client.result("monitor", ["Test", 4, ["Simple": [:]]])
        _ = try client.result("monitor_cond", ["Test", 5, ["Simple": ["where": [["i", "==", 1], ["i", "==", 1]]]]])
        _ = try client.result("monitor_cond", ["Test", 6, ["Simple": ["where": [true]]]])
        _ = try client.result("monitor_cond", ["Test", 7, ["Simple": [:]]])
        #expect(server.core.database(named: "Test")?.monitors.groupCount == 6)
        _ = try client.call("monitor_cond_change", [2, 2, ["Simple": [["where": [["i", "==", 1]]]]]])
        #expect(server.core.database(named: "Test")?.monitors.groupCount == 5)
    }

    @Test func aSnapshotIsSerializedAgainAfterACommit() throws {
        let server = try ServerHarness()
        let client = try server.connect()
        _ = try client.result("monitor_cond", ["Test", 1, ["Child": [:]]])
        _ = try client.transact(["op": "insert", "table": "Child", "row": ["k": 1]])
        let later = try client.result("monitor_cond", ["Test", 2, ["Child": [:]]])
        #expect(later["Child"]?.objectValue?.count == 1)
        let group = try #require(server.core.database(named: "Test")?.monitors.group(for: MonitorShape(
            requests: ["Child": [:]], schema: DatabaseSchema(json: ServerTestSchema.json), version: .v2)))
        #expect(group.serializations == 3)
    }
}
