import Foundation
import Logging
import OVSDB
import OVSTestSupport
import Testing
@testable import SyncClient

/// A client restarted from its replica file against `digestsync serve`: it resyncs by
/// digest (the difference when the database changed, `in_sync` when it did not, across
/// a server restart too), and a damaged file means an ordinary full fetch.
@Suite(.timeLimit(.minutes(2))) struct DigestPersistenceTests {
    /// A client of `server` from the replica file at `path`, not started yet.
    static func restartedClient(_ server: TestServer, path: String) throws -> SyncClient {
        try SyncClient(configuration: PersistenceTests.configuration(server.unixRemote, path: path),
                       logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// How the client's current monitor was set up (nil unless it is monitoring).
    static func method(_ client: SyncClient) -> ResyncMethod? {
        if case .monitoring(let info) = client.state { return info.method }
        return nil
    }

    @Test func restartedClientResyncsItsReplicaFileByDigest() async throws {
        let server = try await TestServer.make(program: .digestsync)
        try await ReconnectTests.seed(server, rows: DigestEndToEndTests.seedRows)
        let path = "\(server.directory.path)/replica"
        let saved = try await PersistenceTests.runFirstClient(server, path: path)

        try await server.transact([["op": "insert", "table": "Child", "row": ["k": 11]],
                                   ["op": "update", "table": "Tagged", "where": [["n", "==", 3]], "row": ["key": "three"]],
                                   ["op": "delete", "table": "Child", "where": [["k", "==", 10]]]])
        try await server.restart()
        let client = try Self.restartedClient(server, path: path)
        #expect(client.snapshot.contents == saved.contents)
        let recorder = ChangeRecorder(client)
        client.start()
        try await client.waitForSync(seconds: 20)

        let fresh = try await server.freshFetch(PersistenceTests.requests, schema: try TestSchema.schema)
        #expect(client.snapshot.contents == fresh)
        #expect(try replay(recorder.all, on: saved.contents, columns: saved.columnNames) == fresh)
        #expect(recorder.all.reduce(0) { $0 + $1.count } == 3)
        // Inserted Child and new Tagged row fetched; deleted Child and old Tagged row dropped.
        #expect(Self.method(client) == .digest(.difference(fetched: 2, deleted: 2)))
        await client.shutdown()

        // Nothing changed since: the next start is in sync in one round trip.
        let again = try Self.restartedClient(server, path: path)
        again.start()
        try await again.waitForSync(seconds: 20)
        #expect(Self.method(again) == .digest(.inSync))
        #expect(again.snapshot.contents == fresh)
        await again.shutdown()
    }

    @Test func damagedReplicaFileMeansAFullFetch() async throws {
        let server = try await TestServer.make(program: .digestsync)
        try await ReconnectTests.seed(server, rows: 300)
        let path = "\(server.directory.path)/replica"
        _ = try await PersistenceTests.runFirstClient(server, path: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))

        let client = try Self.restartedClient(server, path: path)
        #expect(client.snapshot.rowCount == 0)
        client.start()
        try await client.waitForSync(seconds: 20)
        #expect(Self.method(client) == .monitorCondSince(found: false))
        #expect(client.snapshot.contents == (try await server.freshFetch(PersistenceTests.requests, schema: try TestSchema.schema)))
        await client.shutdown()
    }
}
