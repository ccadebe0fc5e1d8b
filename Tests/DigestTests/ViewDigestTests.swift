import IBLT
import OVSDB
import Testing
@testable import Digest
import BenchmarkSupport

/// The commitment of a whole view: equal only for the same definitions and the same
/// keys, independent of the order tables are given in.
@Suite struct ViewDigestTests {
    static func rows(_ table: TableSchema, count: Int, seed: UInt64) -> [Row] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in TestSchema.row(table, uuid: OVSDBUUID.random(using: &generator), using: &generator) }
    }

    @Test func theCommitmentDependsOnDefinitionsAndKeysButNotOnTableOrder() throws {
        let k = try TestSchema.table("K")
        let p = try TestSchema.table("Port_Binding")
        let kRows = Self.rows(k, count: 300, seed: 1)
        let pRows = Self.rows(p, count: 50, seed: 2)
        let kView = try TableDigestTests.view(k, columns: ["i", "s"], where: [])
        let pView = try TableDigestTests.view(p, columns: nil, where: [])
        var base = try ViewDigest(tables: [TableDigest(view: kView, rows: kRows), TableDigest(view: pView, rows: pRows)])
        var reversed = try ViewDigest(tables: [TableDigest(view: pView, rows: pRows), TableDigest(view: kView, rows: kRows)])
        let commitment = base.commitment
        let reversedCommitment = reversed.commitment
        #expect(reversedCommitment == commitment)
        #expect(base.tables.map(\.view.tableName) == ["K", "Port_Binding"])
        #expect(base.rowCount == 350)

        // The condition [true] selects the same rows as [] but is another definition.
        let trueView = try TableDigestTests.view(k, columns: ["i", "s"], where: [true])
        let otherColumns = try TableDigestTests.view(k, columns: ["i", "s", "b"], where: [])
        var variants = [
            try ViewDigest(tables: [TableDigest(view: trueView, rows: kRows), TableDigest(view: pView, rows: pRows)]),
            try ViewDigest(tables: [TableDigest(view: otherColumns, rows: kRows), TableDigest(view: pView, rows: pRows)]),
            try ViewDigest(tables: [TableDigest(view: kView, rows: kRows.dropLast()), TableDigest(view: pView, rows: pRows)]),
            try ViewDigest(tables: [TableDigest(view: kView, rows: kRows)]),
        ]
        var seen: Set<SHA256Digest> = [commitment]
        for index in variants.indices {
            let variant = variants[index].commitment
            #expect(seen.insert(variant).inserted)
        }
    }

    @Test func keysLocateTheirTableAndRow() throws {
        let k = try TestSchema.table("K")
        let p = try TestSchema.table("Port_Binding")
        let kRows = Self.rows(k, count: 100, seed: 3)
        let pRows = Self.rows(p, count: 100, seed: 4)
        let view = try ViewDigest(tables: [
            TableDigest(view: try TableDigestTests.view(k, columns: nil, where: []), rows: kRows),
            TableDigest(view: try TableDigestTests.view(p, columns: nil, where: []), rows: pRows),
        ])
        let keys = view.keys
        #expect(keys.count == 200)
        #expect(Set(keys).count == 200)
        for row in pRows {
            let key = try #require(view.table(named: "Port_Binding")?.key(of: row.uuid))
            let located = try #require(view.locate(key))
            #expect(located.table == "Port_Binding" && located.uuid == row.uuid)
        }
        #expect(view.locate(Key128(low: 1, high: 1)) == nil)
    }

    @Test func twoViewsOfOneTableAreRejected() throws {
        let p = try TestSchema.table("Port_Binding")
        let view = try TableDigestTests.view(p, columns: nil, where: [])
        #expect(throws: DigestError.duplicateTable("Port_Binding")) {
            try ViewDigest(tables: [TableDigest(view: view, rows: [Row]()), TableDigest(view: view, rows: [Row]())])
        }
    }
}
