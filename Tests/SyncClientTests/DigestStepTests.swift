import BenchmarkSupport
import Digest
import OVSDB
import Testing
@testable import SyncClient

/// The digest step of the state machine against Digest's own `ServerExchange` (what the
/// DigestSync server will run), and its fallbacks against a server without it.
@Suite struct DigestStepTests {
    static let zero = OVSDBUUID.zero.description

    /// A harness whose replica was synchronised with `rows` Child rows (found=false), then
    /// reconnected, with the server's rows and a digest step outstanding (unless `mode` is
    /// off).
    static func primed(mode: ClientConfiguration.DigestMode, rows count: Int,
                       seed: UInt64 = 7) throws -> (MachineHarness, [OVSDBUUID: Row], SplitMix64) {
        var generator = SplitMix64(seed: seed)
        let table = try #require(try TestSchema.schema.table(named: "Child"))
        var rows: [OVSDBUUID: Row] = [:]
        for _ in 0..<count {
            let uuid = OVSDBUUID.random(using: &generator)
            rows[uuid] = childRow(table, uuid: uuid, using: &generator)
        }
        var harness = MachineHarness(configuration: MachineHarness.configuration(digest: mode, tables: ["Child": .all]),
                                     seed: seed)
        harness.connect()
        try harness.handshake()
        try harness.reply("monitor_cond_since", [false, .string(zero), snapshot(rows, table: table)])
        harness.reconnect()
        try harness.handshake()
        return (harness, rows, generator)
    }

    static func childRow(_ table: TableSchema, uuid: OVSDBUUID, using generator: inout SplitMix64) -> Row {
        var row = Row(table: table, uuid: uuid)
        row[2] = Datum(.integer(Int64.random(in: 0..<1000, using: &generator)))
        row[3] = Datum(.string(["a", "b", "c", ""].randomElement(using: &generator) ?? ""))
        return row
    }

    static func snapshot(_ rows: [OVSDBUUID: Row], table: TableSchema) -> JSON {
        initialRows("Child", rows.map { ($0.key, $0.value.json(table: table, columns: [2, 3], omittingDefaults: true)) })
    }

    /// Answers digest requests until the exchange is over.
    static func runExchange(_ harness: inout MachineHarness, server: inout ScriptedDigestServer) throws {
        while let request = harness.outstanding.first(where: { $0.method.hasPrefix("digest_") }) {
            try harness.reply(request.method, try server.answer(request.method, request.params))
        }
    }

    static func replicaRows(_ harness: MachineHarness) -> [OVSDBUUID: Row] {
        Dictionary(uniqueKeysWithValues: (harness.machine.replica.tables["Child"]?.rows ?? [:]).map { ($0.key, $0.value) })
    }

    @Test(arguments: [ClientConfiguration.DigestMode.ibf, .rateless])
    func unchangedReplicaIsInSyncInOneRoundTrip(mode: ClientConfiguration.DigestMode) throws {
        var (harness, rows, _) = try Self.primed(mode: mode, rows: 300)
        var server = ScriptedDigestServer(schema: try TestSchema.schema, rows: ["Child": rows])
        let batches = harness.batches.count
        try Self.runExchange(&harness, server: &server)
        #expect(harness.sentMethods.filter { $0 == "digest_continue" }.isEmpty)
        #expect(harness.lastState == .monitoring(SyncInfo(remote: .unix(path: "/tmp/remote0.sock"), method: .digest(.inSync))))
        #expect(harness.machine.replica.lastTransactionID == server.lastTransactionID)
        #expect(harness.batches.dropFirst(batches).allSatisfy { $0.isEmpty })
        #expect(harness.sentMethods.suffix(4) == ["get_schema", "monitor_cond", "digest_resync", "set_db_change_aware"])
    }

    @Test(arguments: [ClientConfiguration.DigestMode.ibf, .rateless])
    func differenceIsFetchedAndReportedExactly(mode: ClientConfiguration.DigestMode) throws {
        var (harness, rows, generator) = try Self.primed(mode: mode, rows: 400)
        let table = try #require(try TestSchema.schema.table(named: "Child"))
        var serverRows = rows
        let uuids = rows.keys.sorted()
        for uuid in uuids.prefix(6) { serverRows[uuid]?[2] = Datum(.integer(5000 + Int64(uuid.low % 100))) }
        for uuid in uuids.dropFirst(6).prefix(3) { serverRows[uuid] = nil }
        var inserted: [OVSDBUUID] = []
        for _ in 0..<4 {
            let uuid = OVSDBUUID.random(using: &generator)
            serverRows[uuid] = Self.childRow(table, uuid: uuid, using: &generator)
            inserted.append(uuid)
        }
        var server = ScriptedDigestServer(schema: try TestSchema.schema, rows: ["Child": serverRows])
        let batches = harness.batches.count
        try Self.runExchange(&harness, server: &server)

        #expect(Self.replicaRows(harness) == serverRows)
        #expect(harness.lastState == .monitoring(SyncInfo(remote: .unix(path: "/tmp/remote0.sock"),
                                                          method: .digest(.difference(fetched: 10, deleted: 9)))))
        let changes = harness.batches.dropFirst(batches).reduce(into: TableChanges()) { total, batch in
            total.inserted += batch["Child"].inserted
            total.modified += batch["Child"].modified
            total.deleted += batch["Child"].deleted
        }
        #expect(Set(changes.inserted.map(\.uuid)) == Set(inserted))
        #expect(Set(changes.modified.map(\.new.uuid)) == Set(uuids.prefix(6)))
        #expect(changes.modified.allSatisfy { $0.changedColumns == ["k"] })
        #expect(Set(changes.deleted.map(\.uuid)) == Set(uuids.dropFirst(6).prefix(3)))
        var serverView = try server.view()
        var clientView = try #require(harness.machine.replica.digest)
        #expect(clientView.commitment == serverView.commitment)
    }

    @Test func largeDifferenceEndsInAFullSnapshotReportedAsTheTrueDifference() throws {
        var (harness, rows, _) = try Self.primed(mode: .ibf, rows: 300)
        var serverRows = rows
        for uuid in rows.keys.sorted().prefix(200) { serverRows[uuid] = nil }
        var server = ScriptedDigestServer(schema: try TestSchema.schema, rows: ["Child": serverRows])
        let batches = harness.batches.count
        try Self.runExchange(&harness, server: &server)
        #expect(Self.replicaRows(harness) == serverRows)
        guard case .monitoring(let info) = harness.lastState, case .digest(.full) = info.method else {
            Issue.record("expected a full snapshot, got \(String(describing: harness.lastState))")
            return
        }
        let changes = harness.batches.dropFirst(batches)
        #expect(changes.reduce(0) { $0 + $1["Child"].deleted.count } == 200)
        #expect(changes.reduce(0) { $0 + $1["Child"].inserted.count + $1["Child"].modified.count } == 0)
    }

    @Test func unknownMethodFallsBackToSinceOnTheSameConnection() throws {
        var (harness, _, _) = try Self.primed(mode: .ibf, rows: 20)
        let offer = try harness.request("digest_resync").params
        #expect(offer[1] == ["monid", "Test"])
        #expect(try ResyncOffer(json: offer[3]).rowCount == 20)
        try harness.refuse("digest_resync")
        let since = try harness.request("monitor_cond_since").params
        #expect(since[1] == ["monid", "Test"])
        #expect(since[2] == offer[2])
        try harness.reply("monitor_cond_since", [false, .string(Self.zero), [:]])
        #expect(harness.closes == 0)
        #expect(harness.sentMethods.suffix(5)
            == ["get_schema", "monitor_cond", "digest_resync", "monitor_cond_since", "set_db_change_aware"])
    }

    @Test func invalidDigestReplyFallsBackUnderAFreshMonitorID() throws {
        var (harness, _, _) = try Self.primed(mode: .ibf, rows: 20)
        try harness.reply("digest_resync", ["in_sync": "not a uuid"])
        #expect(try harness.request("monitor_cond_since").params[1] == ["monid", "Test", 2])
        try harness.reply("monitor_cond_since", [false, .string(Self.zero), [:]])
        harness.notify("update3", [["monid", "Test"], .string(Self.zero), ["Child": [uuid(9).description: ["insert": ["k": 9]]]]])
        #expect(harness.machine.replica.snapshot.row("Child", uuid(9)) == nil)
        harness.notify("update3", [["monid", "Test", 2], .string(Self.zero), ["Child": [uuid(9).description: ["insert": ["k": 9]]]]])
        #expect(harness.machine.replica.snapshot.row("Child", uuid(9)) != nil)
    }

    @Test func noDigestBeforeTheReplicaHoldsDataNorWhenTurnedOff() throws {
        var fresh = MachineHarness(configuration: MachineHarness.configuration())
        fresh.connect()
        try fresh.handshake()
        #expect(!fresh.sentMethods.contains("digest_resync"))
        let (off, _, _) = try Self.primed(mode: .off, rows: 5)
        #expect(!off.sentMethods.contains("digest_resync"))
        #expect(off.sentMethods.filter { $0 == "monitor_cond_since" }.count == 2)
    }

    @Test func pendingConditionGoesIntoTheOfferAndTheTransactionIDIsForgotten() throws {
        var (harness, _, _) = try Self.primed(mode: .ibf, rows: 20)
        try harness.refuse("digest_resync")
        try harness.reply("monitor_cond_since", [false, .string(OVSDBUUID.random().description), [:]])
        harness.outstanding = []
        harness.record(harness.machine.connectionClosed("test"))
        harness.record(harness.machine.setCondition(table: "Child", clauses: [["k", "<", 10]], token: 1))
        #expect(harness.conditionResults[1] == nil)
        harness.record(harness.machine.retryTimerFired())
        harness.record(harness.machine.connectionEstablished())
        try harness.handshake()
        let offer = try harness.request("digest_resync").params
        #expect(offer[2] == ["Child": [["columns": ["k", "tag"], "where": [["k", "<", 10]]]]])
        try harness.refuse("digest_resync")
        #expect(try harness.request("monitor_cond_since").params[3] == .string(Self.zero))
        try harness.reply("monitor_cond_since", [false, .string(Self.zero), [:]])
        #expect(harness.conditionResults[1] != nil)
    }
}
