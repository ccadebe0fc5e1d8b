import OVSDB
import Testing
@testable import SyncClient

/// Condition changes and transactions in the state machine: OVS's acked, requested and
/// new conditions (server-client.md section 10.4), and transaction outcomes.
@Suite struct ConditionStateTests {
    static let zero = OVSDBUUID.zero.description

    static func monitoring(digest: ClientConfiguration.DigestMode = .off, lastID: OVSDBUUID = .zero) throws -> MachineHarness {
        var harness = MachineHarness(configuration: MachineHarness.configuration(digest: digest, tables: ["Child": .all]))
        harness.connect()
        try harness.handshake()
        try harness.reply("monitor_cond_since", [false, .string(lastID.description), [:]])
        return harness
    }

    @Test func conditionChangesGoOneAtATimeAndAreAckedByTheirReply() throws {
        var harness = try Self.monitoring()
        harness.record(harness.machine.setCondition(table: "Child", clauses: [["k", "==", 1]], token: 1))
        harness.record(harness.machine.setCondition(table: "Child", clauses: [["k", "==", 2]], token: 2))
        let change = try harness.request("monitor_cond_change").params
        #expect(change == [["monid", "Test"], ["monid", "Test"], ["Child": [["where": [["k", "==", 1]]]]]])
        #expect(harness.outstanding.filter { $0.method == "monitor_cond_change" }.count == 1)
        harness.notify("update2", [["monid", "Test"], ["Child": [uuid(1).description: ["insert": ["k": 1]]]]])
        try harness.reply("monitor_cond_change", [:])
        #expect(try harness.conditionResults[1]?.get() != nil)
        #expect(harness.conditionResults[2] == nil)
        #expect(try harness.request("monitor_cond_change").params[2] == ["Child": [["where": [["k", "==", 2]]]]])
        try harness.reply("monitor_cond_change", [:])
        #expect(try harness.conditionResults[2]?.get() != nil)
        #expect(harness.machine.replica.conditions["Child"]?.json == [["k", "==", 2]])
    }

    @Test func conditionInFlightAtDisconnectIsResentAfterAFullResync() throws {
        var harness = try Self.monitoring(lastID: OVSDBUUID.random())
        harness.record(harness.machine.setCondition(table: "Child", clauses: [["k", "==", 1]], token: 1))
        _ = try harness.request("monitor_cond_change")
        harness.reconnect()
        try harness.handshake()
        let since = try harness.request("monitor_cond_since").params
        #expect(since[2] == ["Child": [["columns": ["k", "tag"]]]])
        #expect(since[3] == .string(Self.zero))
        try harness.reply("monitor_cond_since", [false, .string(Self.zero), [:]])
        #expect(try harness.request("monitor_cond_change").params[2] == ["Child": [["where": [["k", "==", 1]]]]])
        #expect(harness.conditionResults[1] == nil)
        try harness.reply("monitor_cond_change", [:])
        #expect(try harness.conditionResults[1]?.get() != nil)
    }

    @Test func newConditionWithoutTransactionIDGoesIntoTheMonitorRequest() throws {
        var harness = try Self.monitoring()
        harness.outstanding = []
        harness.record(harness.machine.connectionClosed("test"))
        harness.record(harness.machine.setCondition(table: "Child", clauses: [["tag", "==", "x"]], token: 1))
        harness.record(harness.machine.retryTimerFired())
        harness.record(harness.machine.connectionEstablished())
        try harness.handshake()
        #expect(try harness.request("monitor_cond_since").params[2]
            == ["Child": [["columns": ["k", "tag"], "where": [["tag", "==", "x"]]]]])
        try harness.reply("monitor_cond_since", [false, .string(Self.zero), [:]])
        #expect(try harness.conditionResults[1]?.get() != nil)
        #expect(!harness.sentMethods.contains("monitor_cond_change"))
    }

    @Test func refusedConditionChangeFailsItsCallerAndKeepsTheAckedCondition() throws {
        var harness = try Self.monitoring()
        harness.record(harness.machine.setCondition(table: "Child", clauses: [["k", "==", 1]], token: 1))
        try harness.refuse("monitor_cond_change", ["error": "syntax error"])
        guard case .failure(.requestFailed(let method, _))? = harness.conditionResults[1] else {
            Issue.record("expected a failure, got \(String(describing: harness.conditionResults[1]))")
            return
        }
        #expect(method == "monitor_cond_change")
        #expect(harness.machine.conditions.acked["Child"] == [])
        #expect(harness.closes == 0)
    }

    @Test func invalidConditionsAreRejectedAtOnce() throws {
        var harness = try Self.monitoring()
        harness.record(harness.machine.setCondition(table: "Child", clauses: [["nope", "==", 1]], token: 1))
        harness.record(harness.machine.setCondition(table: "Nope", clauses: [], token: 2))
        guard case .failure(.invalidCondition(let table, _))? = harness.conditionResults[1] else {
            Issue.record("expected invalidCondition")
            return
        }
        #expect(table == "Child")
        #expect(harness.conditionResults[2].map { if case .failure(.unknownTable("Nope")) = $0 { true } else { false } } == true)
        #expect(!harness.sentMethods.contains("monitor_cond_change"))
    }

    @Test func plainMonitorAcknowledgesConditionsAtOnce() throws {
        var harness = MachineHarness(configuration: MachineHarness.configuration(digest: .off, tables: ["Child": .all]))
        harness.connect()
        try harness.handshake()
        try harness.refuse("monitor_cond_since")
        try harness.refuse("monitor_cond")
        try harness.reply("monitor", [:])
        harness.record(harness.machine.setCondition(table: "Child", clauses: [["k", "==", 1]], token: 1))
        #expect(try harness.conditionResults[1]?.get() != nil)
        #expect(!harness.sentMethods.contains("monitor_cond_change"))
    }

    @Test func transactionsNeedAMonitoredConnection() throws {
        var harness = MachineHarness(configuration: MachineHarness.configuration())
        harness.record(harness.machine.transact([["op": "comment", "comment": "x"]], token: 1))
        guard case .failure(.notConnected)? = harness.transactions[1] else { Issue.record("expected notConnected"); return }
    }

    @Test func transactionResultsAndErrors() throws {
        var harness = try Self.monitoring()
        harness.record(harness.machine.transact([["op": "select", "table": "Child", "where": []]], token: 1))
        #expect(try harness.request("transact").params == ["Test", ["op": "select", "table": "Child", "where": []]])
        try harness.reply("transact", [["rows": []]])
        #expect(try harness.transactions[1]?.get() == [["rows": []]])

        harness.record(harness.machine.transact([["op": "assert", "lock": "l"], ["op": "comment", "comment": "c"]], token: 2))
        try harness.reply("transact", [["error": "not owner", "details": "Asserted lock l not held."], nil])
        guard case .failure(.operationFailed(let index, let error, let results))? = harness.transactions[2] else {
            Issue.record("expected operationFailed, got \(String(describing: harness.transactions[2]))")
            return
        }
        #expect(index == 0 && error.tag.rawValue == "not owner" && results.count == 2)

        harness.record(harness.machine.transact([], token: 3))
        try harness.refuse("transact", ["error": "unknown database", "details": "..."])
        #expect(harness.transactions[3].map { if case .failure(.requestFailed("transact", _)) = $0 { true } else { false } } == true)

        harness.record(harness.machine.transact([], token: 4))
        harness.record(harness.machine.connectionClosed("gone"))
        #expect(harness.transactions[4].map { if case .failure(.disconnected) = $0 { true } else { false } } == true)
    }

    @Test func stopFailsEverythingOutstanding() throws {
        var harness = try Self.monitoring()
        harness.record(harness.machine.transact([], token: 1))
        harness.record(harness.machine.setCondition(table: "Child", clauses: [["k", "==", 1]], token: 2))
        harness.record(harness.machine.stop())
        #expect(harness.transactions[1].map { if case .failure(.shutDown) = $0 { true } else { false } } == true)
        #expect(harness.conditionResults[2].map { if case .failure(.shutDown) = $0 { true } else { false } } == true)
        #expect(harness.lastState == .stopped)
        #expect(harness.closes == 1)
    }
}
