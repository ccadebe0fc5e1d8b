import Foundation
import Logging
@testable import OVSDB
import OVSTestSupport
@testable import SyncServer

/// A database file of the test schema in a temporary directory, changed through
/// ``StandaloneStorage`` as the server will change it.
final class StorageFixture {
    let directory: TemporaryDirectory
    let path: String
    let log = CapturedLog()

    init() throws {
        directory = try TemporaryDirectory()
        path = "\(directory.path)/t.db"
        try StandaloneStorage.create(path: path, schema: try TestSchema.schema).close()
    }

    /// Opens the file.
    func open(_ mode: LogFile.Mode = .readWrite) throws -> StandaloneStorage {
        try StandaloneStorage.open(path: path, mode: mode, logger: log.logger)
    }

    /// Runs `operations` on `storage` and stores the result; returns the reply.
    @discardableResult
    static func transact(_ storage: StandaloneStorage, _ operations: JSON...) throws -> JSON {
        let outcome = TransactionExecutor.execute(.array(["T"] + operations), on: storage.database)
        if case .committed(_, let committed) = outcome {
            try storage.commit(committed)
        }
        return outcome.reply
    }

    /// Commits `count` inserts of Other rows k0, k1, ... one per transaction.
    func fill(_ count: Int) throws {
        let storage = try open()
        defer { storage.close() }
        for number in 0..<count {
            try Self.transact(storage, ["op": "insert", "table": "Other", "row": ["k": .string("k\(number)"), "v": .integer(Int64(number))]])
        }
    }

    /// The `k` values of the Other rows, sorted, as a fresh read-only open sees them.
    func keys() throws -> [String] {
        let storage = try open(.readOnly)
        defer { storage.close() }
        let rows = storage.database.table(named: "Other")?.sortedRows ?? []
        return rows.compactMap { row -> String? in
            guard case .string(let key)? = row.values[2].first else { return nil }
            return key
        }.sorted()
    }

    /// The file's bytes.
    func bytes() throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Replaces the file's bytes.
    func write(_ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
