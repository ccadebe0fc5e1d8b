import Testing
import NIOPosix
import OVSDB
import BenchmarkSupport

@Suite(.serialized) struct SouthboundChangesTests {
    private func database(_ flows: Int = 3000, macs: Int = 4) throws -> SouthboundDatabase {
        try SouthboundWorkload(sizes: SouthboundSizes(logicalFlows: flows, portsPerSwitch: 6,
                                                      macBindingsPerRouterPort: macs)).generate()
    }

    @Test(arguments: [0.0, 0.0007, 0.1, 0.37])
    func changesSplitIntoHalfModificationsAQuarterInsertsAndAQuarterDeletes(fraction: Double) throws {
        var model = try database()
        let before = model.totalRows
        let total = Int((fraction * Double(before)).rounded())
        let changes = try model.makeChanges(fraction: fraction, transactions: 4, seed: 3)
        let counts = changes.counts
        #expect(counts.modified == total / 2)
        #expect(counts.inserted == total / 4)
        #expect(counts.deleted == total - total / 2 - total / 4)
        #expect(changes.transactions.count == min(4, total))
        #expect(changes.transactions.map(\.count).reduce(0, +) == total)
        #expect(model.totalRows == before + counts.inserted - counts.deleted)
    }

    @Test func changesAreDeterministicPerSeed() throws {
        var first = try database()
        var second = try database()
        var third = try database()
        let a = try first.makeChanges(fraction: 0.05, seed: 11)
        #expect(a.transactions == (try second.makeChanges(fraction: 0.05, seed: 11)).transactions)
        #expect(a.transactions != (try third.makeChanges(fraction: 0.05, seed: 12)).transactions)
        #expect(first.loadTransactions() == second.loadTransactions())
    }

    @Test func impossibleChangesAreRefused() throws {
        var model = try database()
        #expect(throws: WorkloadError.self) { try model.makeChanges(fraction: 1.5, seed: 1) }
        var onlyShared = try database(66, macs: 0)
        #expect(throws: WorkloadError.self) { try onlyShared.makeChanges(fraction: 0.1, seed: 1) }
    }

    @Test func ovsdbServerSeesExactlyTheChangedRows() async throws {
        let sizes = SouthboundSizes(logicalFlows: 2000, portsPerSwitch: 5, switchesPerRouter: 4)
        try await LoadedServer.with(sizes) { loaded, client, _ in
            let before = try await loaded.serverRows(using: client)
            var model = loaded.database
            for (round, fraction) in [0.1, 0.03].enumerated() {
                let earlier = round == 0 ? before : try await loaded.serverRows(using: client)
                let changes = try model.makeChanges(fraction: fraction, transactions: 3, seed: UInt64(round + 20))
                for operations in changes.transactions {
                    try await client.transact(database: SouthboundDatabase.name, operations: operations)
                }
                let after = try await loaded.serverRows(using: client)
                for name in SouthboundDatabase.tableNames {
                    let old = earlier[name] ?? [:]
                    let new = after[name] ?? [:]
                    let observed = SouthboundChanges.Counts(
                        modified: new.filter { uuid, row in old[uuid].map { $0 != row } ?? false }.count,
                        inserted: new.keys.filter { old[$0] == nil }.count,
                        deleted: old.keys.filter { new[$0] == nil }.count)
                    #expect(observed == changes.tables[name] ?? SouthboundChanges.Counts(), "\(name), round \(round)")
                }
                #expect(after == (try loaded.modelRows(model)))
            }
        }
    }
}
