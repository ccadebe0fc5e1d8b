import Foundation
import Logging
import OVSDB
import OVSTestSupport
import Testing
@testable import SyncClient

/// A client that restarts from its replica file: it resynchronises from the saved rows
/// and transaction id and reports only what changed; a damaged file or one of another
/// schema means a full fetch and a correct replica.
@Suite(.timeLimit(.minutes(1))) struct PersistenceTests {
    static let requests: [String: MonitorRequest] = ["Child": .all, "Tagged": MonitorRequest(columns: ["key", "labels"])]

    static func configuration(_ remote: OVSDBRemote, path: String) -> ClientConfiguration {
        var configuration = ClientConfiguration.test([remote], tables: requests)
        configuration.persistence = .init(path: path, interval: .milliseconds(100))
        return configuration
    }

    /// Syncs a client with a replica file, changes the database through it, and shuts it
    /// down; returns its last snapshot.
    static func runFirstClient(_ server: TestServer, path: String) async throws -> ReplicaSnapshot {
        let client = try await SyncClient.synced(configuration(server.unixRemote, path: path))
        _ = try await client.transact([["op": "insert", "table": "Child", "row": ["k": 10, "tag": "first run"]]])
        let snapshot = client.snapshot
        await client.shutdown()
        #expect(FileManager.default.fileExists(atPath: path))
        return snapshot
    }

    @Test(arguments: [false, true])
    func restartedClientResumesFromItsReplicaFile(clustered: Bool) async throws {
        let server = try await TestServer.make(clustered: clustered)
        try await ReconnectTests.seed(server, rows: 200)
        let path = "\(server.directory.path)/replica"
        let saved = try await Self.runFirstClient(server, path: path)

        try await server.transact([["op": "insert", "table": "Child", "row": ["k": 11]],
                             ["op": "update", "table": "Tagged", "where": [["n", "==", 3]], "row": ["key": "three"]],
                             ["op": "delete", "table": "Child", "where": [["k", "==", 10]]]])
        let client = try SyncClient(configuration: Self.configuration(server.unixRemote, path: path),
                                    logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        #expect(client.snapshot.contents == saved.contents)
        #expect(client.snapshot.lastTransactionID == saved.lastTransactionID)
        let recorder = ChangeRecorder(client)
        let states = StateRecorder(client)
        client.start()
        try await client.waitForSync(seconds: 20)

        let fresh = try await server.freshFetch(Self.requests, schema: try TestSchema.schema)
        #expect(client.snapshot.contents == fresh)
        #expect(try replay(recorder.all, on: saved.contents, columns: saved.columnNames) == fresh)
        #expect(recorder.all.reduce(0) { $0 + $1.count } == 3)
        #expect(states.lastMethod == .monitorCondSince(found: clustered))
        await client.shutdown()
    }

    @Test func damagedReplicaFileMeansAFullFetch() async throws {
        let server = try await TestServer.make()
        let path = "\(server.directory.path)/replica"
        _ = try await Self.runFirstClient(server, path: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))

        let client = try SyncClient(configuration: Self.configuration(server.unixRemote, path: path),
                                    logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        #expect(client.snapshot.rowCount == 0)
        let recorder = ChangeRecorder(client)
        client.start()
        try await client.waitForSync(seconds: 20)
        let fresh = try await server.freshFetch(Self.requests, schema: try TestSchema.schema)
        #expect(client.snapshot.contents == fresh)
        #expect(recorder.changes("Child").inserted.count == fresh["Child"]?.count)
        await client.shutdown()
        // The shut-down client wrote a good file again.
        #expect(try ReplicaStore.load(from: path, configuration: Self.configuration(server.unixRemote, path: path)).rowCount
            == client.snapshot.rowCount)
    }

    @Test func replicaFileOfAnotherSchemaIsDiscardedOnConnect() async throws {
        let old = try await TestServer.make()
        let path = "\(old.directory.path)/replica"
        let saved = try await Self.runFirstClient(old, path: path)
        let upgraded = try await TestServer.make(schema: TestSchema.upgradedJSON)
        try await upgraded.transact([["op": "insert", "table": "Child", "row": ["k": 10, "tag": "first run", "extra": "x"]]])

        let client = try SyncClient(configuration: Self.configuration(upgraded.unixRemote, path: path),
                                    logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        #expect(client.snapshot.contents == saved.contents)
        let recorder = ChangeRecorder(client)
        client.start()
        try await client.waitForSync(seconds: 20)
        let fresh = try await upgraded.freshFetch(Self.requests, schema: try DatabaseSchema(json: TestSchema.upgradedJSON))
        #expect(client.snapshot.contents == fresh)
        #expect(client.snapshot.schema?.table(named: "Child")?.column(named: "extra") != nil)
        #expect(recorder.changes("Child").deleted.count == saved[table: "Child"]?.count)
        await client.shutdown()
    }
}
