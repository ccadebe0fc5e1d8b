import OVSDB
import OVSTestSupport
import Testing
@testable import SyncClient

/// A SyncClient against Debian's ovsdb-server over each transport: replication, change
/// callbacks, transactions, condition changes.
@Suite(.timeLimit(.minutes(1))) struct ConnectionTests {
    @Test func replicatesOverUnixWithChangeCallbacks() async throws {
        let server = try await TestServer.make()
        try await server.transact([["op": "insert", "table": "Child", "row": ["k": 1, "tag": "one"]]])
        let client = try await SyncClient.synced(.test([server.unixRemote]))
        let recorder = ChangeRecorder(client, table: "Child")
        #expect(client.snapshot[table: "Child"]?.allRows.map { $0.string("tag") } == ["one"])
        let inserted = try await server.transact([["op": "insert", "table": "Child", "row": ["k": 2, "tag": "two"]]])
        let uuid = try #require(inserted.first?["uuid"]?[1]?.stringValue.flatMap(OVSDBUUID.init))
        try await eventually("the insert arrives") { client.snapshot.row("Child", uuid) != nil }
        #expect(recorder.changes("Child").inserted.map(\.uuid) == [uuid])
        try await server.transact([["op": "update", "table": "Child", "where": [["k", "==", 2]], "row": ["tag": "deux"]]])
        try await eventually("the update arrives") { client.snapshot.row("Child", uuid)?.string("tag") == "deux" }
        #expect(recorder.changes("Child").modified.map(\.changedColumns) == [["tag"]])
        try await server.transact([["op": "delete", "table": "Child", "where": [["k", "==", 2]]]])
        try await eventually("the delete arrives") { client.snapshot.row("Child", uuid) == nil }
        #expect(recorder.changes("Child").deleted.map(\.uuid) == [uuid])
        #expect(recorder.all.count == 3)
        if case .monitoring(let info) = client.state {
            #expect(info.method == .monitorCondSince(found: false))
        } else {
            Issue.record("not monitoring: \(client.state)")
        }
        await client.shutdown()
        #expect(client.state == .stopped)
    }

    @Test func replicatesOverTCP() async throws {
        let server = try await TestServer.make(transport: .tcp)
        let client = try await SyncClient.synced(.test([server.networkRemote]))
        try await Self.roundTrip(client)
        await client.shutdown()
    }

    @Test func replicatesOverSSLWithMutualTLS() async throws {
        let certificates = try await TestCertificates.make()
        let server = try await TestServer.make(transport: .ssl(certificates))
        var configuration = ClientConfiguration.test([server.networkRemote])
        configuration.tls = TLSFiles(privateKey: certificates.clientKey, certificate: certificates.clientCertificate,
                                     caCertificate: certificates.caCertificate)
        let client = try await SyncClient.synced(configuration)
        try await Self.roundTrip(client)
        await client.shutdown()
    }

    @Test func sslWithAnotherCANeverConnects() async throws {
        let certificates = try await TestCertificates.make()
        let other = try await TestCertificates.make()
        let server = try await TestServer.make(transport: .ssl(certificates))
        var configuration = ClientConfiguration.test([server.networkRemote])
        configuration.tls = TLSFiles(privateKey: other.clientKey, certificate: other.clientCertificate,
                                     caCertificate: other.caCertificate)
        let client = try SyncClient(configuration: configuration)
        let states = StateRecorder(client)
        client.start()
        try await eventually("two failed attempts") { states.all.filter { if case .waiting = $0 { true } else { false } }.count >= 2 }
        #expect(!states.all.contains { $0.isMonitoring })
        await client.shutdown()
    }

    /// A transaction through `client` whose update is in the replica when it returns.
    static func roundTrip(_ client: SyncClient) async throws {
        let results = try await client.transact([["op": "insert", "table": "Simple",
                                                  "row": ["name": "n", "s": ["set", ["a", "b"]], "m": ["map", [["k", "v"]]]]]])
        let uuid = try #require(results.first?["uuid"]?[1]?.stringValue.flatMap(OVSDBUUID.init))
        let row = try #require(client.snapshot.row("Simple", uuid))
        #expect(row.strings("s") == ["a", "b"] && row.stringMap("m") == ["k": "v"] && row.string("name") == "n")
    }

    @Test func transactionErrorsAreTyped() async throws {
        let server = try await TestServer.make()
        let client = try await SyncClient.synced(.test([server.unixRemote]))
        let unknownTable = await outcome { () async throws(SyncClientError) in
            try await client.transact([["op": "insert", "table": "Nope", "row": [:]]])
        }
        guard case .failure(let error) = unknownTable else { Issue.record("inserted into no table"); return }
        #expect(error.ovsdbError?.details?.contains("No table named Nope") == true)
        let failed = await outcome { () async throws(SyncClientError) in
            try await client.transact([["op": "wait", "table": "Child", "where": [], "columns": ["k"],
                                        "until": "==", "rows": [["k": 1]], "timeout": 0],
                                       ["op": "insert", "table": "Child", "row": ["k": 1]]])
        }
        guard case .failure(.operationFailed(let index, let error, let results)) = failed else {
            Issue.record("the wait should have failed: \(failed)")
            return
        }
        #expect(index == 0 && error.tag == OVSDBError.Tag.timedOut && results.count == 2)
        #expect(client.snapshot[table: "Child"]?.count == 0)
        await client.shutdown()
        let refused = await outcome { () async throws(SyncClientError) in try await client.transact([]) }
        guard case .failure(.notConnected) = refused else {
            Issue.record("a stopped client should refuse: \(refused)")
            return
        }
    }

    @Test func conditionChangesMoveRowsInAndOut() async throws {
        let server = try await TestServer.make()
        for k in 1...6 { try await server.transact([["op": "insert", "table": "Child", "row": ["k": .integer(Int64(k))]]]) }
        let client = try await SyncClient.synced(.test([server.unixRemote],
                                                       tables: ["Child": MonitorRequest(where: [["k", "<=", 2]])]))
        #expect(client.snapshot[table: "Child"]?.count == 2)
        let recorder = ChangeRecorder(client)
        try await withTimeout(10, "condition change") {
            try await client.setCondition(table: "Child", where: [["k", ">=", 5], ["k", "==", 1]])
        }
        let ks = Set(client.snapshot[table: "Child"]?.allRows.compactMap { $0.integer("k") } ?? [])
        #expect(ks == [1, 5, 6])
        #expect(Set(recorder.changes("Child").inserted.compactMap { $0.integer("k") }) == [5, 6])
        #expect(Set(recorder.changes("Child").deleted.compactMap { $0.integer("k") }) == [2])
        try await server.transact([["op": "insert", "table": "Child", "row": ["k": 7]], ["op": "insert", "table": "Child", "row": ["k": 3]]])
        try await eventually("k=7 arrives") { client.snapshot[table: "Child"]?.count == 4 }
        await #expect(throws: SyncClientError.self) { try await client.setCondition(table: "Child", where: [["nope", "==", 1]]) }
        await client.shutdown()
    }

    @Test func snapshotsAreValuesThatNeverChangeUnderTheReader() async throws {
        let server = try await TestServer.make()
        let client = try await SyncClient.synced(.test([server.unixRemote]))
        let before = client.snapshot
        _ = try await client.transact([["op": "insert", "table": "Child", "row": ["k": 1]]])
        #expect(before[table: "Child"]?.count == 0)
        #expect(client.snapshot[table: "Child"]?.count == 1)
        await client.shutdown()
    }
}
