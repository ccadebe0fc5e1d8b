@testable import OVSDB
@testable import SyncServer

/// A database of the test schema in memory, changed by `transact` requests the way the
/// server will change it: a committed outcome becomes the current database.
struct EngineFixture {
    var database: Database
    var options = TransactionOptions()

    init(schema: DatabaseSchema? = nil) throws {
        database = Database(schema: try schema ?? TestSchema.schema)
    }

    /// Runs `operations` and returns the outcome, keeping the new database on success.
    mutating func outcome(_ operations: [JSON]) -> TransactionOutcome {
        let outcome = TransactionExecutor.execute(.array([.string(database.schema.name)] + operations), on: database, options: options)
        if case .committed(_, let committed) = outcome {
            database = committed.database
        }
        return outcome
    }

    /// Runs `operations` and returns the reply.
    @discardableResult
    mutating func transact(_ operations: JSON...) -> JSON {
        outcome(operations).reply
    }

    /// The error tags of a reply, in order (nil for non-error elements).
    static func tags(_ reply: JSON) -> [String?] {
        (reply.arrayValue ?? []).map { $0["error"]?.stringValue }
    }

    /// The rows of `table` as `select` returns them with `columns`.
    mutating func rows(_ table: String, _ columns: [String], where clauses: [JSON] = []) -> [JSON] {
        let reply = transact(["op": "select", "table": .string(table), "where": .array(clauses), "columns": .array(columns.map { .string($0) })])
        return reply[0]?["rows"]?.arrayValue ?? []
    }

    /// A UUID made from a small number, for explicit inserts.
    static func uuid(_ number: Int) -> String {
        let hex = String(number, radix: 16)
        return "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - hex.count) + hex
    }

    /// The `["uuid", ...]` JSON of ``uuid(_:)``.
    static func ref(_ number: Int) -> JSON {
        ["uuid", .string(uuid(number))]
    }
}
