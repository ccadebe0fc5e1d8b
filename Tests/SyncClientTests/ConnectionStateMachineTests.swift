import OVSDB
import Testing
@testable import SyncClient

/// The connection state machine against scripted server replies: the request sequence
/// of OVS's C client, every fallback, and what it does with ids, conditions and errors.
@Suite struct ConnectionStateMachineTests {
    static let zero = OVSDBUUID.zero.description

    @Test func firstConnectionMonitorsServerThenDataWithZeroTransactionID() throws {
        var harness = MachineHarness(configuration: MachineHarness.configuration())
        harness.connect()
        #expect(try harness.request("get_schema").params == ["_Server"])
        try harness.reply("get_schema", [:])
        let serverMonitor = try harness.request("monitor_cond").params
        #expect(serverMonitor == ["_Server", ["monid", "_Server"],
                                  ["Database": [["columns": ["name", "model", "connected", "leader", "schema", "cid", "index"]]]]])
        try harness.reply("monitor_cond", MachineHarness.serverRows())
        let since = try harness.request("monitor_cond_since").params
        #expect(since == ["Test", ["monid", "Test"],
                          ["Child": [["columns": ["k", "tag"]]], "Simple": [["columns": ["name", "i", "s", "m", "opt"]]]],
                          .string(Self.zero)])
        try harness.reply("monitor_cond_since", [false, .string(Self.zero),
                                                  initialRows("Child", [(uuid(1), ["k": 5, "tag": "a"])])])
        #expect(harness.lastState == .monitoring(SyncInfo(remote: .unix(path: "/tmp/remote0.sock"),
                                                          method: .monitorCondSince(found: false))))
        #expect(harness.sentMethods == ["get_schema", "monitor_cond", "monitor_cond_since", "set_db_change_aware"])
        #expect(harness.machine.replica.snapshot.row("Child", uuid(1))?.integer("k") == 5)
        #expect(harness.batches.last?["Child"].inserted.map(\.uuid) == [uuid(1)])
    }

    @Test func sinceRefusedFallsBackToMonitorCondThenPlainMonitor() throws {
        var harness = MachineHarness(configuration: MachineHarness.configuration(
            tables: ["Child": MonitorRequest(where: [["k", ">", 3]])]))
        harness.connect()
        try harness.handshake()
        let since = try harness.request("monitor_cond_since").params
        try harness.refuse("monitor_cond_since")
        let cond = try harness.request("monitor_cond").params
        #expect(Array(since.prefix(3)) == cond)
        #expect(cond[2] == ["Child": [["columns": ["k", "tag"], "where": [["k", ">", 3]]]]])
        try harness.refuse("monitor_cond", ["error": "syntax error"])
        let plain = try harness.request("monitor").params
        #expect(plain[2] == ["Child": [["columns": ["k", "tag"]]]])
        try harness.reply("monitor", ["Child": [uuid(2).description: ["new": ["k": 1, "tag": "x"]]]])
        #expect(harness.lastState?.isMonitoring == true)
        #expect(harness.machine.replica.snapshot.row("Child", uuid(2))?.string("tag") == "x")
        #expect(harness.closes == 0)
        harness.notify("update", [["monid", "Test"], ["Child": [uuid(2).description: ["old": ["k": 1], "new": ["k": 9, "tag": "x"]]]]])
        #expect(harness.machine.replica.snapshot.row("Child", uuid(2))?.integer("k") == 9)
    }

    @Test func plainMonitorRefusedToo() throws {
        var harness = MachineHarness(configuration: MachineHarness.configuration())
        harness.connect()
        try harness.handshake()
        try harness.refuse("monitor_cond_since")
        try harness.refuse("monitor_cond")
        try harness.refuse("monitor")
        #expect(harness.closes == 1)
        if case .waiting = harness.lastState {} else { Issue.record("expected waiting, got \(String(describing: harness.lastState))") }
    }

    @Test func withoutServerDatabaseGetsTheSchemaAndNeverTriesSince() throws {
        var harness = MachineHarness(configuration: MachineHarness.configuration())
        harness.connect()
        try harness.refuse("get_schema", ["error": "unknown database"])
        #expect(try harness.request("get_schema").params == ["Test"])
        try harness.reply("get_schema", TestSchema.json)
        #expect(try harness.request("monitor_cond").params.first == "Test")
        try harness.reply("monitor_cond", [:])
        #expect(harness.sentMethods == ["get_schema", "get_schema", "monitor_cond"])
        #expect(harness.lastState == .monitoring(SyncInfo(remote: .unix(path: "/tmp/remote0.sock"), method: .monitorCond)))
    }

    @Test func serverMonitorRefusedGetsTheDataSchema() throws {
        var harness = MachineHarness(configuration: MachineHarness.configuration())
        harness.connect()
        try harness.reply("get_schema", [:])
        try harness.refuse("monitor_cond")
        #expect(try harness.request("get_schema").params == ["Test"])
        try harness.reply("get_schema", TestSchema.json)
        try harness.refuse("monitor_cond")
        try harness.reply("monitor", [:])
        #expect(harness.sentMethods == ["get_schema", "monitor_cond", "get_schema", "monitor_cond", "monitor"])
    }

    @Test(arguments: [
        (MachineHarness.serverRows(model: "clustered", leader: false, index: 3), "not cluster leader"),
        (MachineHarness.serverRows(model: "clustered", connected: false, index: 3), "disconnected from cluster"),
        (MachineHarness.serverRows(model: "relay"), "cannot be a leader"),
        (MachineHarness.serverRows(database: "Other"), "does not have Test database"),
    ])
    func unusableServerRowMovesToTheNextRemote(rows: JSON, reason: String) throws {
        var harness = MachineHarness(configuration: MachineHarness.configuration(remotes: 2))
        harness.connect()
        try harness.reply("get_schema", [:])
        try harness.reply("monitor_cond", rows)
        #expect(harness.closes == 1)
        guard case .waiting(let delay, let why) = harness.lastState else {
            Issue.record("expected waiting, got \(String(describing: harness.lastState))")
            return
        }
        #expect(why.contains(reason))
        #expect(delay == .zero)
        harness.record(harness.machine.retryTimerFired())
        #expect(harness.connects == [.unix(path: "/tmp/remote0.sock"), .unix(path: "/tmp/remote1.sock")])
    }

    @Test func staleClusterMemberIsRefused() throws {
        var harness = MachineHarness(configuration: MachineHarness.configuration())
        harness.connect()
        try harness.reply("get_schema", [:])
        try harness.reply("monitor_cond", MachineHarness.serverRows(model: "clustered", index: 10))
        try harness.reply("monitor_cond_since", [false, .string(Self.zero), [:]])
        harness.reconnect()
        try harness.reply("get_schema", [:])
        try harness.reply("monitor_cond", MachineHarness.serverRows(model: "clustered", index: 7))
        guard case .waiting(_, let why) = harness.lastState else { Issue.record("not refused"); return }
        #expect(why.contains("stale data"))
    }

    @Test func losingLeadershipWhileMonitoringReconnects() throws {
        var harness = MachineHarness(configuration: MachineHarness.configuration())
        harness.connect()
        try harness.handshake(model: "clustered", index: 4)
        try harness.reply("monitor_cond_since", [false, .string(Self.zero), [:]])
        harness.notify("update2", [["monid", "_Server"], ["Database": ["11111111-2222-3333-4444-555555555555": ["modify": ["index": 5]]]]])
        #expect(harness.closes == 0)
        harness.notify("update2", [["monid", "_Server"], ["Database": ["11111111-2222-3333-4444-555555555555": ["modify": ["leader": false]]]]])
        #expect(harness.closes == 1)
    }

    @Test func update3TracksTheTransactionIDForTheNextConnection() throws {
        var harness = MachineHarness(configuration: MachineHarness.configuration(digest: .off))
        harness.connect()
        try harness.handshake(model: "clustered", index: 1)
        let first = OVSDBUUID.random()
        try harness.reply("monitor_cond_since", [false, .string(first.description), [:]])
        #expect(harness.machine.replica.lastTransactionID == first)
        let second = OVSDBUUID.random()
        harness.notify("update3", [["monid", "Test"], .string(second.description),
                                   ["Child": [uuid(3).description: ["insert": ["k": 3]]]]])
        #expect(harness.machine.replica.lastTransactionID == second)
        harness.reconnect()
        try harness.handshake(model: "clustered", index: 2)
        #expect(try harness.request("monitor_cond_since").params[3] == .string(second.description))
        try harness.reply("monitor_cond_since", [true, .string(second.description),
                                                  ["Child": [uuid(3).description: ["modify": ["tag": "t"]]]]])
        #expect(harness.lastState == .monitoring(SyncInfo(remote: .unix(path: "/tmp/remote0.sock"),
                                                          method: .monitorCondSince(found: true))))
        #expect(harness.batches.last?["Child"].modified.first?.changedColumns == ["tag"])
    }

    @Test func inconsistentUpdateForgetsTheTransactionIDAndReconnects() throws {
        var harness = MachineHarness(configuration: MachineHarness.configuration(digest: .off))
        harness.connect()
        try harness.handshake(model: "clustered", index: 1)
        let id = OVSDBUUID.random()
        try harness.reply("monitor_cond_since", [false, .string(id.description),
                                                  initialRows("Child", [(uuid(1), ["k": 1])])])
        let before = harness.machine.replica.snapshot.tables
        harness.notify("update3", [["monid", "Test"], .string(OVSDBUUID.random().description),
                                   ["Child": [uuid(4).description: ["insert": ["k": 4]],
                                              uuid(1).description: ["insert": ["k": 2]]]]])
        #expect(harness.closes == 1)
        #expect(harness.machine.replica.lastTransactionID == .zero)
        #expect(harness.machine.replica.snapshot.tables == before)
        harness.record(harness.machine.retryTimerFired())
        harness.record(harness.machine.connectionEstablished())
        try harness.handshake(model: "clustered", index: 2)
        #expect(try harness.request("monitor_cond_since").params[3] == .string(Self.zero))
    }

    @Test func monitorCanceledReconnects() throws {
        var harness = MachineHarness(configuration: MachineHarness.configuration())
        harness.connect()
        try harness.handshake()
        try harness.reply("monitor_cond_since", [false, .string(Self.zero), [:]])
        harness.notify("monitor_canceled", [["monid", "Test"]])
        #expect(harness.closes == 1)
    }

    @Test func schemaChangeDiscardsTheReplicaAndReportsItsRowsDeleted() throws {
        var harness = MachineHarness(configuration: MachineHarness.configuration(digest: .off))
        harness.connect()
        try harness.handshake()
        try harness.reply("monitor_cond_since", [false, .string(Self.zero), initialRows("Child", [(uuid(1), ["k": 1])])])
        harness.reconnect()
        try harness.reply("get_schema", [:])
        try harness.reply("monitor_cond", MachineHarness.serverRows(schema: TestSchema.upgradedJSON))
        #expect(harness.batches.last?["Child"].deleted.map(\.uuid) == [uuid(1)])
        #expect(harness.machine.replica.rowCount == 0)
        #expect(harness.machine.replica.schema?.table(named: "Child")?.column(named: "extra") != nil)
    }

    @Test func unknownMonitoredTableIsAnError() throws {
        var harness = MachineHarness(configuration: MachineHarness.configuration(tables: ["Nope": .all]))
        harness.connect()
        try harness.handshake()
        guard case .waiting(_, let why) = harness.lastState else { Issue.record("not refused"); return }
        #expect(why.contains("no table Nope"))
    }
}
