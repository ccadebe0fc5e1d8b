import Foundation
import Testing
import OVSDB
import BenchmarkSupport

@Suite struct BenchmarkSupportTests {
    @Test func syntheticSouthboundRowsConformToTheInstalledSchema() throws {
        let path = try OVSInstallation.find().southboundSchema
        let schema = try DatabaseSchema(json: JSON(parsing: Array(Data(contentsOf: URL(fileURLWithPath: path)))))
        let snapshot = try JSON(parsing: SouthboundSnapshot(switches: 3, portsPerSwitch: 4).generate())
        var counts: [String: Int] = [:]
        var uuids: Set<OVSDBUUID> = []
        var references: Set<OVSDBUUID> = []
        for (tableName, rows) in try #require(snapshot.objectValue) {
            let table = try #require(schema.table(named: tableName))
            for (uuidText, rowJSON) in try #require(rows.objectValue) {
                var row = Row(table: table, uuid: try #require(OVSDBUUID(uuidText)))
                try row.update(json: rowJSON, table: table)
                uuids.insert(row.uuid)
                for column in table.userColumns where column.type.key.isReference {
                    for case .uuid(let target) in row[column.index].keys { references.insert(target) }
                }
            }
            counts[tableName] = rows.objectValue?.count
        }
        #expect(counts == ["Datapath_Binding": 3, "Port_Binding": 12, "Multicast_Group": 6, "Logical_Flow": 3 * 40 + 12 * 4])
        #expect(references.isSubset(of: uuids))
    }

    @Test func snapshotsAreDeterministicPerSeed() {
        let first = SouthboundSnapshot(switches: 2, portsPerSwitch: 2, seed: 5).generate()
        #expect(first == SouthboundSnapshot(switches: 2, portsPerSwitch: 2, seed: 5).generate())
        #expect(first != SouthboundSnapshot(switches: 2, portsPerSwitch: 2, seed: 6).generate())
    }

    @Test func theBenchmarkTimesBothSidesOnTheSameDocument() throws {
        let document = SouthboundSnapshot(switches: 2, portsPerSwitch: 3).generate()
        let report = try JSONBenchmark.run(document: document, rounds: 2)
        #expect(report.documentBytes == document.count)
        #expect(report.serializedBytes == document.count)
        #expect(report.parse.ours > .zero && report.parse.foundation > .zero)
        #expect(report.serialize.ours > .zero && report.serialize.foundation > .zero)
        #expect(report.description.contains("speed-up"))
        #expect(throws: JSONBenchmark.Failure.self) { try JSONBenchmark.run(document: Array("[1,".utf8), rounds: 1) }
    }
}
