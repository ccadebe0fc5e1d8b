import BenchmarkSupport
import Digest
import OVSDB
import OVSTestSupport
import Testing
@testable import SyncServer

/// `DatabaseDigest` coalesces commits' row changes and applies them when a digest is
/// read: its digests must be those of an index built from scratch over the database
/// at that moment (the reference model), whatever the commits did in between.
@Suite struct DatabaseDigestTests {
    /// Random small transactions on `Simple` and `Child`: inserts, updates of the name
    /// (an indexed column) and of `i`, deletes, and rows inserted and deleted again in
    /// one window, as the server benchmark does.
    private static func randomOperations(_ random: inout SplitMix64, names: inout [String]) -> [JSON] {
        switch random.next() % 5 {
        case 0, 1:
            let name = "row\(random.next() % 1_000_000)"
            names.append(name)
            return [["op": "insert", "table": "Simple", "row": ["name": .string(name), "i": .integer(Int64(random.next() % 100))]],
                    ["op": "insert", "table": "Child", "row": ["k": .integer(Int64(random.next() % 10)), "tag": .string(name)]]]
        case 2 where !names.isEmpty:
            let name = names[Int(random.next() % UInt64(names.count))]
            return [["op": "update", "table": "Simple", "where": [["name", "==", .string(name)]],
                     "row": ["i": .integer(Int64(random.next() % 100))]]]
        case 3 where !names.isEmpty:
            let name = names.remove(at: Int(random.next() % UInt64(names.count)))
            return [["op": "delete", "table": "Simple", "where": [["name", "==", .string(name)]]],
                    ["op": "delete", "table": "Child", "where": [["tag", "==", .string(name)]]]]
        default:
            return [["op": "insert", "table": "Simple", "uuid-name": "gone", "row": ["name": "transient"]],
                    ["op": "delete", "table": "Simple", "where": [["name", "==", "transient"]]]]
        }
    }

    /// The commitment of every table's whole-table view over `database`, from `digest`.
    private static func commitment(of digest: inout DatabaseDigest, _ database: Database) throws -> SHA256Digest {
        let views = try database.schema.tables.map { try TableView(table: $0, columns: nil) }
        var view = try digest.viewDigest(for: views, of: database)
        return view.commitment
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func coalescedChangesGiveTheDigestOfAFreshIndex(seed: UInt64) throws {
        let schema = try DatabaseSchema(json: ServerTestSchema.json)
        var database = Database(schema: schema)
        var digest = DatabaseDigest(of: database, limits: .standard)
        var random = SplitMix64(seed: seed)
        var names: [String] = []
        var commits = 0
        for step in 1...400 {
            let params = JSON.array(["Test"] + Self.randomOperations(&random, names: &names))
            if case .committed(_, let committed) = TransactionExecutor.execute(params, on: database) {
                database = committed.database
                digest.apply(committed.changes)
                commits += 1
            }
            if step % Int(1 + random.next() % 60) == 0 {
                var fresh = DatabaseDigest(of: database, limits: .standard)
                #expect(try Self.commitment(of: &digest, database) == Self.commitment(of: &fresh, database))
            }
        }
        var fresh = DatabaseDigest(of: database, limits: .standard)
        #expect(try Self.commitment(of: &digest, database) == Self.commitment(of: &fresh, database))
        #expect(commits > 200)
        #expect(database.rowCount > 0)
    }
}
