import Foundation
import Logging
import OVSDB
import Synchronization
import Testing
@testable import SyncClient

/// Test failures of the client harness.
struct HarnessFailure: Error, CustomStringConvertible {
    var description: String
}

/// Runs `body`, failing if it takes longer than `seconds`.
func withTimeout<T: Sendable>(_ seconds: Double, _ what: String,
                              _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let result = first else {
            throw HarnessFailure(description: "\(what): no result within \(seconds) s")
        }
        return result
    }
}

/// What a client call returned or threw.
func outcome<T>(_ body: () async throws(SyncClientError) -> T) async -> Result<T, SyncClientError> {
    do {
        return .success(try await body())
    } catch {
        return .failure(error)
    }
}

/// Polls `condition` every 10 ms for at most `seconds`.
func eventually(_ what: String, within seconds: Double = 10, _ condition: () throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while try !condition() {
        guard Date() < deadline else { throw HarnessFailure(description: "\(what): not within \(seconds) s") }
        try await Task.sleep(for: .milliseconds(10))
    }
}

/// Every change batch a client reported, in order.
final class ChangeRecorder: Sendable {
    private let batches = Mutex<[ChangeBatch]>([])

    init(_ client: SyncClient, table: String? = nil) {
        client.onChange(table: table) { [self] batch in self.batches.withLock { $0.append(batch) } }
    }

    var all: [ChangeBatch] { batches.withLock { $0 } }

    func clear() {
        batches.withLock { $0 = [] }
    }

    /// The rows of `table` the recorded batches inserted, modified and deleted.
    func changes(_ table: String) -> TableChanges {
        all.reduce(into: TableChanges()) { total, batch in
            total.inserted += batch[table].inserted
            total.modified += batch[table].modified
            total.deleted += batch[table].deleted
        }
    }
}

/// Every state a client went through.
final class StateRecorder: Sendable {
    private final class States: Sendable {
        let list = Mutex<[ConnectionState]>([])
    }

    private let states = States()
    private let task: Task<Void, Never>

    init(_ client: SyncClient) {
        let states = self.states
        let stream = client.states()
        task = Task {
            for await state in stream { states.list.withLock { $0.append(state) } }
        }
    }

    var all: [ConnectionState] { states.list.withLock { $0 } }

    /// The method of the latest monitoring state.
    var lastMethod: ResyncMethod? {
        all.reversed().lazy.compactMap { if case .monitoring(let info) = $0 { info.method } else { nil } }.first
    }

    deinit {
        task.cancel()
    }
}

extension ClientConfiguration {
    /// The test configuration: fast backoff, quiet logs.
    static func test(_ remotes: [OVSDBRemote], tables: [String: MonitorRequest] = ["Simple": .all, "Child": .all, "Tagged": .all],
                     digest: DigestMode = .ibf) -> ClientConfiguration {
        var configuration = ClientConfiguration(remotes: remotes, database: "Test", tables: tables)
        configuration.backoff = BackoffPolicy(minimum: .milliseconds(50), maximum: .milliseconds(400), jitter: 0.25)
        configuration.connectTimeout = .seconds(2)
        configuration.digestMode = digest
        return configuration
    }
}

extension SyncClient {
    /// A started client for `configuration`, synced within 20 s.
    static func synced(_ configuration: ClientConfiguration) async throws -> SyncClient {
        let client = try SyncClient(configuration: configuration,
                                    logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        client.start()
        try await client.waitForSync(seconds: 20)
        return client
    }

    /// ``waitForSync()`` bounded by `seconds`.
    func waitForSync(seconds: Double) async throws {
        try await withTimeout(seconds, "sync") { try await self.waitForSync() }
    }
}
