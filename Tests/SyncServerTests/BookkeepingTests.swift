import HashTreeCollections
import Testing
@testable import OVSDB
@testable import SyncServer

/// The incremental bookkeeping of commits (reference counts, weak referrers, index
/// maps) against a reference model that recomputes it from scratch after every
/// transaction, over thousands of generated transactions; and the invariants a
/// committed database keeps (no dangling reference, no unreferenced non-root row).
@Suite struct BookkeepingTests {
    /// What the bookkeeping must be, computed by scanning every row.
    private static func recomputed(_ database: Database) -> (counts: [RowReference: Int], weak: [RowReference: Set<RowReference>], indexes: [[IndexKey: OVSDBUUID]]) {
        var counts: [RowReference: Int] = [:]
        var weak: [RowReference: Set<RowReference>] = [:]
        var indexes: [[IndexKey: OVSDBUUID]] = []
        for (number, table) in database.tables.enumerated() {
            for row in table.rows.values {
                let source = RowReference(table: number, uuid: row.uuid)
                for column in database.references.strong[number] {
                    for target in column.targets(of: row.values[column.index], excluding: source, strongSelf: true) {
                        counts[target, default: 0] += 1
                    }
                }
                for target in database.weakTargets(of: row, source: source) {
                    weak[target, default: []].insert(source)
                }
            }
            for columns in table.schema.indexes {
                var map: [IndexKey: OVSDBUUID] = [:]
                for row in table.rows.values { map[IndexKey(row, columns: columns)] = row.uuid }
                indexes.append(map)
            }
        }
        return (counts, weak, indexes)
    }

    private static func check(_ database: Database) {
        let expected = recomputed(database)
        var indexNumber = 0
        for (number, table) in database.tables.enumerated() {
            var counts: [RowReference: Int] = [:]
            for (uuid, count) in table.strongReferenceCounts { counts[RowReference(table: number, uuid: uuid)] = count }
            #expect(counts == expected.counts.filter { $0.key.table == number }, "counts of \(table.schema.name)")
            var weak: [RowReference: Set<RowReference>] = [:]
            for (uuid, sources) in table.weakReferrers { weak[RowReference(table: number, uuid: uuid)] = Set(sources) }
            #expect(weak == expected.weak.filter { $0.key.table == number }, "weak referrers of \(table.schema.name)")
            for map in table.indexes {
                #expect(Dictionary(uniqueKeysWithValues: map.map { ($0.key, $0.value) }) == expected.indexes[indexNumber])
                #expect(map.count == table.count, "one index entry per row of \(table.schema.name)")
                indexNumber += 1
            }
            for row in table.rows.values where !table.schema.isRoot {
                #expect(table.strongReferenceCount(of: row.uuid) > 0, "unreferenced \(table.schema.name) row")
            }
            for (target, _) in expected.counts {
                #expect(database[target] != nil, "dangling strong reference to \(target)")
            }
            for (target, _) in expected.weak {
                #expect(database[target] != nil, "dangling weak reference to \(target)")
            }
        }
    }

    @Test(arguments: [UInt64(101), 102])
    func incrementalBookkeepingMatchesARecomputation(seed: UInt64) throws {
        var fixture = try EngineFixture()
        var generator = TransactionGenerator(schema: fixture.database.schema, seed: seed)
        var committed = 0
        for _ in 0..<1500 {
            let request = generator.transaction()
            let outcome = TransactionExecutor.execute(request, on: fixture.database)
            if case .committed(_, let transaction) = outcome {
                fixture.database = transaction.database
                committed += 1
            }
            Self.check(fixture.database)
        }
        #expect(committed > 300)
    }

    @Test func changeSetsListOnlyRealChangesInSchemaAndUUIDOrder() throws {
        var fixture = try EngineFixture()
        let outcome = fixture.outcome([
            ["op": "insert", "table": "Other", "uuid": .string(EngineFixture.uuid(3)), "row": ["k": "c"]],
            ["op": "insert", "table": "Root", "uuid": .string(EngineFixture.uuid(2)), "row": ["name": "r"]],
            ["op": "insert", "table": "Other", "uuid": .string(EngineFixture.uuid(1)), "row": ["k": "a"]],
            ["op": "insert", "table": "Other", "uuid": .string(EngineFixture.uuid(5)), "row": ["k": "e"]],
            ["op": "delete", "table": "Other", "where": [["k", "==", "e"]]],
            ["op": "insert", "table": "Child", "row": ["n": 1]],
        ])
        guard case .committed(_, let committed) = outcome else { Issue.record("\(outcome.reply)"); return }
        #expect(committed.changes.tables.map(\.schema.name) == ["Root", "Other"])
        #expect(committed.changes.tables[1].rows.map(\.uuid.description) == [EngineFixture.uuid(1), EngineFixture.uuid(3)])
        #expect(committed.changes.tables.allSatisfy { $0.rows.allSatisfy(\.isInsert) })
    }

    @Test func namedUUIDsMustBeDefinedByAnInsert() throws {
        var fixture = try EngineFixture()
        let reply = fixture.transact(["op": "insert", "table": "Root", "row": ["name": "a", "u": ["named-uuid", "ghost"]]])
        #expect(reply[1] == ["error": "syntax error", "details": #"named-uuid "ghost" is not defined by any insert operation of this transaction"#])
        #expect(fixture.database.rowCount == 0)
    }
}
