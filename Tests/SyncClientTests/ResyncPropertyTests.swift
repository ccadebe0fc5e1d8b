import OVSDB
import OVSTestSupport
import Testing
@testable import SyncClient

/// The resync property against Debian's ovsdb-server: random inserts, modifications and
/// deletes across three tables, with and without conditions, while a client is cut off,
/// with and without a server restart. After the client is back, its replica equals a
/// fresh full fetch, and its change callbacks, replayed on the replica it had, give that
/// same fetch with one report per changed row. A clustered server resumes from the
/// client's transaction id (found=true); a standalone one sends everything (found=false)
/// and the client reports only the difference.
@Suite(.timeLimit(.minutes(2))) struct ResyncPropertyTests {
    static let unconditional: [String: MonitorRequest] = ["Simple": .all, "Child": .all, "Tagged": .all]
    static let conditional: [String: MonitorRequest] = [
        "Simple": MonitorRequest(columns: ["name", "i", "b", "s", "m", "opt", "ref"], where: [["i", ">", 0], ["b", "==", true]]),
        "Child": MonitorRequest(where: [["k", "<", 50]]),
        "Tagged": MonitorRequest(columns: ["key", "labels"], where: [["n", ">=", 100]]),
    ]

    struct Scenario: Sendable, CustomTestStringConvertible {
        var clustered: Bool
        var restart: Bool
        var conditions: Bool
        var seed: UInt64

        var testDescription: String {
            "\(clustered ? "clustered" : "standalone"), \(restart ? "restart" : "no restart"), "
                + "\(conditions ? "conditions" : "all rows"), seed \(seed)"
        }
    }

    static let scenarios: [Scenario] = [false, true].flatMap { clustered in
        [false, true].flatMap { restart in
            [false, true].map { conditions in
                Scenario(clustered: clustered, restart: restart, conditions: conditions,
                         seed: UInt64(1 + (clustered ? 4 : 0) + (restart ? 2 : 0) + (conditions ? 1 : 0)))
            }
        }
    }

    @Test(arguments: scenarios)
    func resyncedReplicaEqualsAFreshFetchAndCallbacksReportTheDifference(_ scenario: Scenario) async throws {
        let server = try await TestServer.make(clustered: scenario.clustered)
        try await ReconnectTests.seed(server, rows: 200)
        let requests = scenario.conditions ? Self.conditional : Self.unconditional
        var random = RandomTransactions(seed: scenario.seed)
        for _ in 0..<15 { try await Self.run(random.next(), on: server, model: &random) }

        let proxy = try await JSONRPCProxy.make(path: "\(server.directory.path)/proxy.sock", upstream: server.socketPath)
        let client = try await SyncClient.synced(.test([proxy.remote], tables: requests))
        let schema = try TestSchema.schema
        #expect(client.snapshot.contents == (try await server.freshFetch(requests, schema: schema)))
        let states = StateRecorder(client)
        let recorder = ChangeRecorder(client)

        let rounds = CutOffRound(client: client, server: server, proxy: proxy, requests: requests, schema: schema,
                                 states: states, recorder: recorder)
        for round in 0..<3 {
            _ = try await rounds.run(round, restart: scenario.restart, random: &random)
            #expect(states.lastMethod == .monitorCondSince(found: scenario.clustered), "round \(round)")
        }
        await client.shutdown()
    }

    static func run(_ operations: [JSON], on server: TestServer, model: inout RandomTransactions) async throws {
        model.record(operations, results: try await server.transact(operations))
    }
}
