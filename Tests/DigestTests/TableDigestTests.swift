import IBLT
import OVSDB
import Testing
@testable import Digest
import BenchmarkSupport

/// A table's view kept up to date row by row equals the view rebuilt from scratch, on
/// the server (condition evaluated) and on the client (rows given as members).
@Suite struct TableDigestTests {
    /// A random commit history on table K: inserts, modifications of keyed and unkeyed
    /// columns, rows moving into and out of the condition, deletes.
    struct History {
        var table: TableSchema
        var rows: [OVSDBUUID: Row] = [:]
        var generator: SplitMix64

        init(seed: UInt64) throws {
            table = try TestSchema.table("K")
            generator = SplitMix64(seed: seed)
        }

        /// One change: (uuid, old, new).
        mutating func step() -> (OVSDBUUID, Row?, Row?) {
            let choice = Int.random(in: 0..<10, using: &generator)
            if rows.isEmpty || choice < 3 {
                let uuid = OVSDBUUID.random(using: &generator)
                let row = TestSchema.row(table, uuid: uuid, using: &generator)
                rows[uuid] = row
                return (uuid, nil, row)
            }
            let uuid = rows.keys.sorted()[Int.random(in: 0..<rows.count, using: &generator)]
            let old = rows[uuid]
            if choice == 3 {
                rows[uuid] = nil
                return (uuid, old, nil)
            }
            var new = old ?? Row(table: table, uuid: uuid)
            let column = table.userColumns.randomElement(using: &generator) ?? table.columns[2]
            new[column.index] = TestSchema.datum(column.type, using: &generator)
            new.version = OVSDBUUID.random(using: &generator)
            rows[uuid] = new
            return (uuid, old, new)
        }
    }

    static func view(_ table: TableSchema, columns: [String]?, where clauses: JSON) throws -> TableView {
        let condition = try Condition(json: clauses.arrayValue ?? [], table: table)
        return try TableView(table: table, columnNames: columns, condition: condition)
    }

    @Test func incrementalUpdatesEqualARebuildOnTheServer() throws {
        var history = try History(seed: 11)
        let view = try Self.view(history.table, columns: ["i", "s", "m", "rs"],
                                 where: [["i", "==", 1], ["b", "==", true]])
        var digest = TableDigest(view: view, rows: [Row]())
        for step in 1...1500 {
            let (uuid, old, new) = history.step()
            digest.apply(uuid: uuid, old: old, new: new)
            if step % 300 == 0 {
                var rebuilt = TableDigest(view: view, rows: Array(history.rows.values))
                let (expected, actual) = (rebuilt.root, digest.root)
                #expect(actual == expected)
                #expect(digest.count == rebuilt.count)
                #expect(digest.count == history.rows.values.filter { view.contains($0) }.count)
                for (uuid, row) in history.rows {
                    #expect(digest.key(of: uuid) == rebuilt.key(of: uuid))
                    #expect((digest.key(of: uuid) != nil) == view.contains(row))
                }
            }
        }
    }

    @Test func theClientsReplicaDigestEqualsTheServersView() throws {
        var history = try History(seed: 12)
        let view = try Self.view(history.table, columns: nil, where: [["i", ">=", 0]])
        var server = TableDigest(view: view, rows: [Row]())
        var client = TableDigest(view: view, memberRows: [Row]())
        var replica: Set<OVSDBUUID> = []
        for _ in 0..<800 {
            let (uuid, old, new) = history.step()
            server.apply(uuid: uuid, old: old, new: new)
            // What the monitor sends: an insert, modify or delete per condition transition.
            let member = new.map(view.contains) ?? false
            if member {
                client.replace(uuid: uuid, with: new)
                replica.insert(uuid)
            } else if replica.remove(uuid) != nil {
                client.replace(uuid: uuid, with: nil)
            }
        }
        let (serverRoot, clientRoot) = (server.root, client.root)
        #expect(serverRoot == clientRoot)
        var rebuilt = TableDigest(view: view, memberRows: replica.compactMap { history.rows[$0] })
        let rebuiltRoot = rebuilt.root
        #expect(rebuiltRoot == clientRoot)
    }

    @Test func onlyKeyedColumnsAndMembershipChangeTheRoot() throws {
        let table = try TestSchema.table("K")
        let view = try Self.view(table, columns: ["s"], where: [["b", "==", true]])
        let uuid = OVSDBUUID(high: 1, low: 2)
        var row = Row(table: table, uuid: uuid)
        row[try #require(table.columnIndex(named: "b"))] = Datum(.boolean(true))
        var digest = TableDigest(view: view, rows: [row])
        let root = digest.root
        var unkeyed = row
        unkeyed[try #require(table.columnIndex(named: "i"))] = Datum(.integer(5))
        unkeyed.version = OVSDBUUID(high: 9, low: 9)
        digest.apply(uuid: uuid, old: row, new: unkeyed)
        let afterUnkeyed = digest.root
        #expect(afterUnkeyed == root)
        var keyed = unkeyed
        keyed[try #require(table.columnIndex(named: "s"))] = Datum(.string("x"))
        digest.apply(uuid: uuid, old: unkeyed, new: keyed)
        let afterKeyed = digest.root
        #expect(afterKeyed != root)
        var leaving = keyed
        leaving[try #require(table.columnIndex(named: "b"))] = Datum(.boolean(false))
        digest.apply(uuid: uuid, old: keyed, new: leaving)
        #expect(digest.count == 0)
        let empty = digest.root
        var none = TableDigest(view: view, rows: [Row]())
        let noneRoot = none.root
        #expect(empty == noneRoot)
    }

    @Test func keysMapBackToTheirRows() throws {
        var history = try History(seed: 13)
        for _ in 0..<200 { _ = history.step() }
        let view = try Self.view(history.table, columns: ["i"], where: [])
        let digest = TableDigest(view: view, rows: Array(history.rows.values))
        #expect(digest.count == history.rows.count)
        for uuid in history.rows.keys {
            let key = try #require(digest.key(of: uuid))
            #expect(digest.uuid(of: key) == uuid)
        }
        #expect(Set(digest.keys).count == history.rows.count)
    }

    @Test func versionAndUUIDAreNeverKeyedColumns() throws {
        let table = try TestSchema.table("Port_Binding")
        let view = try TableView(table: table, columnNames: ["_version", "name", "_uuid"])
        #expect(view.columnNames == ["name"])
        let everything = try TableView(table: table, columnNames: nil)
        #expect(everything.columnNames == ["n", "name"])
        #expect(throws: DigestError.unknownColumn(table: "Port_Binding", column: "nope")) {
            try TableView(table: table, columnNames: ["name", "nope"])
        }
    }
}
