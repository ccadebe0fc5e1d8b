import BenchmarkSupport
import Foundation
import Logging
import NIOCore
import OVSDB
import SyncClient

/// The real `SyncClient`s of a `digestsync-bench resync` run, which check that the
/// measured strategy leaves a correct replica: they sync before the change and keep
/// their replicas in files (``ClientConfiguration/persistence``); after the restart
/// they start again from those files and resynchronise as any `SyncClient` does with
/// the strategy's digest mode; each replica must then equal what a fresh client,
/// starting empty, fetches in full. A mismatch is an error.
struct ReplicaVerifier {
    let remote: OVSDBRemote
    let schema: DatabaseSchema
    let directory: String
    let count: Int
    let group: EventLoopGroup
    let timeout: Duration

    private var logger: Logger {
        var logger = Logger(label: "digestsync-bench.resync") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .error
        return logger
    }

    private func configuration(mode: ClientConfiguration.DigestMode, replica: Int?) -> ClientConfiguration {
        var configuration = ClientConfiguration(remotes: [remote], database: SouthboundDatabase.name)
        for table in schema.tables {
            configuration.tables[table.name] = MonitorRequest(columns: table.userColumns.map(\.name))
        }
        configuration.digestMode = mode
        configuration.persistence = replica.map { .init(path: "\(directory)/replica-\($0).db") }
        return configuration
    }

    /// Starts the clients with empty replicas, waits until every one is in sync, and
    /// shuts them down, which writes their replica files.
    func syncAndStop() async throws {
        try await withClients(mode: .off, persisted: true) { _ in }
    }

    /// Starts the clients from their files with `mode`, waits until they are in sync,
    /// and compares each replica with a fresh client's full fetch. Returns how each
    /// resynchronised (e.g. `digest_resync: 12 rows fetched, 4 deleted`).
    func resyncAndCheck(mode: ClientConfiguration.DigestMode) async throws -> [String] {
        try await withClients(mode: mode, persisted: true) { clients in
            let methods = clients.map { client in
                if case .monitoring(let info) = client.state { return info.method.description }
                return client.state.description
            }
            let expected = try await withClients(mode: .off, persisted: false) { fresh in fresh[0].snapshot }
            for (index, client) in clients.enumerated() {
                let replica = client.snapshot
                for table in schema.tables where replica[table: table.name] != expected[table: table.name] {
                    throw VerificationError.replicaDiffers(client: index, table: table.name,
                                                           rows: replica[table: table.name]?.count ?? 0,
                                                           expected: expected[table: table.name]?.count ?? 0)
                }
            }
            return methods
        }
    }

    /// Runs `body` with ``count`` clients in sync (one when not `persisted`), then
    /// shuts them down.
    private func withClients<T>(mode: ClientConfiguration.DigestMode, persisted: Bool,
                                _ body: ([SyncClient]) async throws -> T) async throws -> T {
        var clients: [SyncClient] = []
        for index in 0..<(persisted ? count : 1) {
            clients.append(try SyncClient(configuration: configuration(mode: mode, replica: persisted ? index : nil),
                                          eventLoopGroup: group, logger: logger))
        }
        do {
            for client in clients { client.start() }
            for client in clients { try await wait(for: client) }
            let result = try await body(clients)
            for client in clients { await client.shutdown() }
            return result
        } catch {
            for client in clients { await client.shutdown() }
            throw error
        }
    }

    /// Waits until `client` is in sync, at most ``timeout``.
    private func wait(for client: SyncClient) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { tasks in
            tasks.addTask {
                try await client.waitForSync()
                return true
            }
            tasks.addTask {
                try await Task.sleep(for: timeout)
                return false
            }
            let synced = try await tasks.next() ?? false
            tasks.cancelAll()
            guard synced else { throw VerificationError.notInSync(seconds: timeout.seconds, state: client.state.description) }
        }
    }
}

/// Why the real clients of a run did not check out.
enum VerificationError: Error, CustomStringConvertible {
    /// A client was not in sync in time.
    case notInSync(seconds: Double, state: String)
    /// A resynchronised replica differs from a fresh full fetch.
    case replicaDiffers(client: Int, table: String, rows: Int, expected: Int)

    var description: String {
        switch self {
        case .notInSync(let seconds, let state): return "a SyncClient was not in sync after \(seconds) s (\(state))"
        case .replicaDiffers(let client, let table, let rows, let expected):
            return "SyncClient \(client)'s replica differs from a fresh full fetch in \(table) "
                + "(\(rows) rows, expected \(expected))"
        }
    }
}
