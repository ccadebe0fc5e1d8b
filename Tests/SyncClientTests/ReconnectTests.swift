import OVSDB
import OVSTestSupport
import Testing
@testable import SyncClient

/// Losing the server and coming back: backoff, `monitor_cond_since` from the last
/// transaction id, full resync with only the difference reported, keepalive.
@Suite(.timeLimit(.minutes(1))) struct ReconnectTests {
    @Test func standaloneRestartFetchesInFullAndReportsOnlyTheDifference() async throws {
        let server = try await TestServer.make()
        for k in 1...5 {
            try await server.transact([["op": "insert", "table": "Child", "row": ["k": .integer(Int64(k)), "tag": "t"]]])
        }
        let client = try await SyncClient.synced(.test([server.unixRemote]))
        let states = StateRecorder(client)
        let recorder = ChangeRecorder(client)
        let before = client.snapshot

        await server.stop()
        try await eventually("the client notices") { states.all.contains { if case .waiting = $0 { true } else { false } } }
        try await Task.sleep(for: .milliseconds(700))
        try await server.transactOffline([["op": "update", "table": "Child", "where": [["k", "==", 1]], "row": ["tag": "changed"]],
                                    ["op": "delete", "table": "Child", "where": [["k", "==", 2]]],
                                    ["op": "insert", "table": "Child", "row": ["k": 6]]])
        try await server.start()
        try await eventually("resynced") { states.all.last?.isMonitoring == true }

        #expect(states.lastMethod == .monitorCondSince(found: false))
        let changes = recorder.changes("Child")
        #expect(changes.modified.map { $0.new.integer("k") } == [1])
        #expect(changes.modified.first?.changedColumns == ["tag"])
        #expect(changes.deleted.map { $0.integer("k") } == [2])
        #expect(changes.inserted.map { $0.integer("k") } == [6])
        #expect(before[table: "Child"]?.count == 5)
        #expect(client.snapshot[table: "Child"]?.count == 5)

        // Waits grew while the server was away, up to the maximum.
        let waits = states.all.compactMap { if case .waiting(let delay, _) = $0 { delay } else { nil } }
        #expect(waits.count >= 3)
        #expect(waits.allSatisfy { $0 <= .milliseconds(400) })
        #expect(waits.last ?? .zero > waits.first ?? .zero)
        await client.shutdown()
    }

    @Test func clusterRestartResumesFromTheTransactionID() async throws {
        let server = try await TestServer.make(clustered: true)
        try await Self.seed(server, rows: 300)
        let proxy = try await JSONRPCProxy.make(path: "\(server.directory.path)/proxy.sock", upstream: server.socketPath)
        let client = try await SyncClient.synced(.test([proxy.remote], digest: .off))
        let states = StateRecorder(client)
        let recorder = ChangeRecorder(client)
        #expect(client.snapshot.lastTransactionID != .zero)

        proxy.pause()
        try await server.restart()
        let inserted = try await server.transact([["op": "insert", "table": "Child", "row": ["k": 1000]]])
        try await server.transact([["op": "update", "table": "Tagged", "where": [["n", "==", 7]], "row": ["key": "seven"]]])
        proxy.resume()
        try await eventually("resynced") { states.all.count > 1 && states.all.last?.isMonitoring == true }

        #expect(states.lastMethod == .monitorCondSince(found: true))
        let uuid = try #require(inserted.first?["uuid"]?[1]?.stringValue.flatMap(OVSDBUUID.init))
        #expect(recorder.changes("Child").inserted.map(\.uuid) == [uuid])
        #expect(recorder.changes("Tagged").modified.map(\.changedColumns) == [["key"]])
        #expect(recorder.all.reduce(0) { $0 + $1.count } == 2)
        await client.shutdown()
    }

    /// Inserts `rows` Tagged rows in one transaction, then one small transaction: the
    /// cluster's history holds at most as many atoms as the database, so the big one is
    /// the first to go, and the small ones after it stay (server-client.md section 6.2).
    static func seed(_ server: TestServer, rows: Int) async throws {
        try await server.transact((0..<rows).map { n in
            ["op": "insert", "table": "Tagged", "row": ["key": .string("k\(n)"), "n": .integer(Int64(n)),
                                                        "labels": ["map", [["a", .integer(Int64(n))], ["b", 1]]]]]
        })
        try await server.transact([["op": "insert", "table": "Child", "row": ["k": -1, "tag": "marker"]]])
    }

    @Test func keepaliveGivesUpOnASilentServerAndComesBack() async throws {
        let server = try await TestServer.make(transport: .tcp)
        var configuration = ClientConfiguration.test([server.networkRemote])
        configuration.keepalive = .milliseconds(200)
        let client = try await SyncClient.synced(configuration)
        let states = StateRecorder(client)
        server.freeze()
        try await eventually("the probe fails", within: 5) {
            states.all.contains { if case .waiting(_, let reason) = $0 { reason.contains("inactivity probe") } else { false } }
        }
        server.thaw()
        try await eventually("back", within: 10) { states.all.last?.isMonitoring == true }
        _ = try await client.transact([["op": "insert", "table": "Child", "row": ["k": 1]]])
        await client.shutdown()
    }

    @Test func severalRemotesAreTriedInTurn() async throws {
        let server = try await TestServer.make()
        let dead = OVSDBRemote.unix(path: "\(server.directory.path)/nobody.sock")
        let client = try await SyncClient.synced(.test([dead, server.unixRemote]))
        guard case .monitoring(let info) = client.state else { Issue.record("not monitoring"); return }
        #expect(info.remote == server.unixRemote)
        await client.shutdown()
    }
}
