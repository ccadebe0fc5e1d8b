import ArgumentParser
import Foundation
import Logging
import OVSDB
import SyncServer

/// `digestsync-bench storage`: what durability costs. Commits `--n` small transactions
/// (one insert of a three-column row each) through the engine and the standalone
/// storage, first without syncing (ovsdb-server's default: the record is written before
/// the reply, not synced), then with `"durable": true` (synced before the reply), and
/// reports commits per second for each, the engine alone as a reference, and each
/// ratio against the non-durable baseline measured in the same run (after an unreported
/// warm-up round of the engine alone).
struct StorageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storage", abstract: "Commit rate of the standalone storage, non-durable and durable (use a release build).")

    @Option(help: "Transactions per mode.")
    var n = 2000
    @Option(help: "Directory for the database files (default: a new directory under the system temporary directory).")
    var directory: String?
    @Flag(help: "JSON lines instead of a table.")
    var json = false

    func validate() throws {
        guard n > 0 else { throw ValidationError("n must be positive") }
    }

    private static let schema = DatabaseSchema(name: "Bench", tables: [
        TableSchema(name: "Item", userColumns: [
            ColumnSchema(name: "name", index: 2, type: .scalar(.string)),
            ColumnSchema(name: "value", index: 3, type: .scalar(.integer)),
            ColumnSchema(name: "tags", index: 4, type: ColumnType(key: BaseType(.string), min: 0, max: ColumnType.unlimited)),
        ], isRoot: true),
    ])

    func run() throws {
        let base = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("digestsync-bench-storage-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: base) } }

        _ = try measure(mode: "warm-up", storagePath: nil)
        let engine = try measure(mode: "engine only", storagePath: nil)
        let plain = try measure(mode: "write, no sync", storagePath: "\(base)/plain.db")
        let durable = try measure(mode: "write and fdatasync (durable)", storagePath: "\(base)/durable.db")
        var printer = ResultPrinter(json: json, total: 3)
        for result in [engine, plain, durable] {
            var line = JSONLine()
            line.add("mode", result.mode)
            line.add("transactions", n)
            line.add("seconds", result.seconds)
            line.add("commits_per_second", Double(n) / result.seconds)
            line.add("ratio_to_non_durable", plain.seconds / result.seconds)
            line.add("file_bytes", result.bytes)
            printer.emit(line)
        }
        printer.finish()
    }

    private struct Result {
        var mode: String
        var seconds: Double
        var bytes: Int
    }

    /// Runs `n` transactions; with `storagePath`, each is stored (synced when the mode
    /// is durable) before the next starts, as the server stores one before replying.
    private func measure(mode: String, storagePath: String?) throws -> Result {
        let durable = mode.contains("durable")
        let storage = try storagePath.map { try StandaloneStorage.create(path: $0, schema: Self.schema) }
        defer { storage?.close() }
        var database = Database(schema: Self.schema)
        let clock = ContinuousClock()
        let start = clock.now
        for number in 0..<n {
            var operations: [JSON] = ["Bench", ["op": "insert", "table": "Item", "row": [
                "name": .string("item-\(number)"), "value": .integer(Int64(number)), "tags": ["set", ["a", "b"]]]]]
            if durable { operations.append(["op": "commit", "durable": true]) }
            guard case .committed(_, let committed) = TransactionExecutor.execute(.array(operations), on: database) else {
                throw ValidationError("transaction \(number) failed")
            }
            try storage?.commit(committed)
            database = committed.database
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Result(mode: mode, seconds: seconds, bytes: storage?.size ?? 0)
    }
}
