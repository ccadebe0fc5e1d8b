import OVSDB
import Testing
@testable import SyncClient

/// One round of the resync property tests: the proxy cuts the client off, random
/// transactions change the database (around a server restart when asked), the client
/// comes back; then its replica must equal a fresh full fetch, its change callbacks,
/// replayed on the replica it had, must give that same fetch with one report per changed
/// row, and its incremental view digest must equal one rebuilt from scratch. The caller
/// checks how the client resynced.
struct CutOffRound {
    let client: SyncClient
    let server: TestServer
    let proxy: JSONRPCProxy
    let requests: [String: MonitorRequest]
    let schema: DatabaseSchema
    let states: StateRecorder
    let recorder: ChangeRecorder

    /// Runs round `round`; `whileCutOff` runs once the client is cut off, before the
    /// changes. Returns the replica before the round and the fresh fetch after it.
    func run(_ round: Int, restart: Bool, random: inout RandomTransactions,
             whileCutOff: () -> Void = {}) async throws -> (before: ReplicaContents, fresh: ReplicaContents) {
        proxy.pause()
        try await eventually("cut off") { states.all.last.map { if case .waiting = $0 { true } else { false } } ?? false }
        let before = client.snapshot
        recorder.clear()
        whileCutOff()
        for _ in 0..<8 { try await ResyncPropertyTests.run(random.next(), on: server, model: &random) }
        if restart {
            try await server.restart()
            for _ in 0..<4 { try await ResyncPropertyTests.run(random.next(), on: server, model: &random) }
        }
        proxy.resume()
        try await eventually("resynced") { states.all.last?.isMonitoring == true }
        try await Task.sleep(for: .milliseconds(100))

        let fresh = try await server.freshFetch(requests, schema: schema)
        #expect(client.snapshot.contents == fresh, "round \(round)")
        #expect(try replay(recorder.all, on: before.contents, columns: before.columnNames) == fresh, "round \(round)")
        #expect(recorder.all.reduce(0) { $0 + $1.count } == differingRows(before.contents, fresh), "round \(round)")
        let replica = await client.currentReplica()
        var incremental = try #require(replica.digest)
        var rebuilt = try #require(replica.digestFromScratch())
        #expect(incremental.commitment == rebuilt.commitment, "round \(round)")
        return (before.contents, fresh)
    }
}
