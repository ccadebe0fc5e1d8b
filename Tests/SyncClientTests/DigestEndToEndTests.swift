import Foundation
import Logging
import OVSDB
import OVSTestSupport
import Testing
@testable import SyncClient

/// The client's digest path end to end against this build's `digestsync serve`: random
/// inserts, modifications and deletes across three tables, with and without conditions,
/// while the client is cut off, with and without a server restart. After each reconnect
/// the replica equals a fresh full fetch, the change callbacks replayed on the replica it
/// had give that fetch with one report per changed row, the exchange was a digest one
/// (no `monitor_cond_since`), it fetched and deleted exactly the rows that differ, and
/// it cost a fraction of the bytes of the first full sync.
@Suite(.timeLimit(.minutes(3))) struct DigestEndToEndTests {
    struct Scenario: Sendable, CustomTestStringConvertible {
        var restart: Bool
        var conditions: Bool
        var mode: ClientConfiguration.DigestMode
        var seed: UInt64

        var testDescription: String {
            "\(restart ? "restart" : "no restart"), \(conditions ? "conditions" : "all rows"), \(mode), seed \(seed)"
        }
    }

    static let scenarios = [
        Scenario(restart: false, conditions: false, mode: .ibf, seed: 21),
        Scenario(restart: false, conditions: true, mode: .rateless, seed: 22),
        Scenario(restart: true, conditions: false, mode: .rateless, seed: 23),
        Scenario(restart: true, conditions: true, mode: .ibf, seed: 24),
    ]

    /// Rows seeded into Tagged: enough that the view's snapshot is worth more than ten
    /// estimators, below which the server rightly answers `full` (`small`) at once.
    static let seedRows = 2500

    /// The rows a digest exchange must fetch (on the server, absent or different on the
    /// client) and delete (on the client, absent or different on the server).
    static func difference(_ before: ReplicaContents, _ after: ReplicaContents) -> (fetched: Int, deleted: Int) {
        var fetched = 0
        var deleted = 0
        for table in Set(before.keys).union(after.keys) {
            let old = before[table] ?? [:]
            let new = after[table] ?? [:]
            fetched += new.filter { old[$0.key] != $0.value }.count
            deleted += old.filter { new[$0.key] != $0.value }.count
        }
        return (fetched, deleted)
    }

    @Test(arguments: scenarios)
    func digestResyncEqualsAFreshFetchAndReportsExactlyTheDifference(_ scenario: Scenario) async throws {
        let server = try await TestServer.make(program: .digestsync)
        try await ReconnectTests.seed(server, rows: Self.seedRows)
        let requests = scenario.conditions ? ResyncPropertyTests.conditional : ResyncPropertyTests.unconditional
        var random = RandomTransactions(seed: scenario.seed)
        for _ in 0..<15 { try await ResyncPropertyTests.run(random.next(), on: server, model: &random) }

        let proxy = try await JSONRPCProxy.make(path: "\(server.directory.path)/proxy.sock", upstream: server.socketPath)
        let client = try await SyncClient.synced(.test([proxy.remote], tables: requests, digest: scenario.mode))
        let fullSyncBytes = proxy.bytesDown
        let schema = try TestSchema.schema
        #expect(client.snapshot.contents == (try await server.freshFetch(requests, schema: schema)))
        let states = StateRecorder(client)
        let recorder = ChangeRecorder(client)

        let rounds = CutOffRound(client: client, server: server, proxy: proxy, requests: requests, schema: schema,
                                 states: states, recorder: recorder)
        for round in 0..<3 {
            let (before, fresh) = try await rounds.run(round, restart: scenario.restart, random: &random) {
                proxy.clearMethods()
                proxy.clearBytes()
            }
            let expected = Self.difference(before, fresh)
            let method: ResyncMethod = expected == (0, 0)
                ? .digest(.inSync) : .digest(.difference(fetched: expected.fetched, deleted: expected.deleted))
            #expect(states.lastMethod == method, "round \(round)")
            #expect(proxy.methods.contains("digest_resync"), "round \(round)")
            #expect(!proxy.methods.contains { $0.hasPrefix("monitor") && $0 != "monitor_cond" }, "round \(round): \(proxy.methods)")
            #expect(proxy.bytesDown * 4 < fullSyncBytes, "round \(round): \(proxy.bytesDown) bytes, full sync \(fullSyncBytes)")
        }

        // Transactions keep arriving after the digest resync, with transaction ids.
        let results = try await server.transact([["op": "insert", "table": "Tagged", "row": ["key": "late", "n": 200]]])
        let uuid = try #require(results.first?["uuid"]?[1]?.stringValue.flatMap(OVSDBUUID.init))
        try await eventually("update3 arrives") { client.snapshot.row("Tagged", uuid) != nil }
        #expect(client.snapshot.lastTransactionID != .zero)
        await client.shutdown()
    }
}
