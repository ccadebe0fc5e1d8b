import Testing
import NIOPosix
import OVSDB
import BenchmarkSupport

@Suite(.serialized) struct SouthboundWorkloadTests {
    private func generate(_ flows: Int, seed: UInt64 = 1, ports: Int = 10) throws -> SouthboundDatabase {
        try SouthboundWorkload(sizes: SouthboundSizes(logicalFlows: flows, portsPerSwitch: ports), seed: seed).generate()
    }

    @Test func theSameSeedGivesTheSameRowsAndAnotherSeedOthers() throws {
        let first = try generate(700).loadTransactions()
        #expect(first == (try generate(700).loadTransactions()))
        #expect(first != (try generate(700, seed: 2).loadTransactions()))
    }

    @Test func theLogicalFlowTableHasExactlyTheTargetCount() throws {
        for target in [1, 65, 66, 67, 122, 123, 500, 3001] {
            let database = try generate(target, ports: 3)
            #expect(database["Logical_Flow"].count == target, "target \(target)")
            #expect(database["Logical_DP_Group"].count == (target > 66 ? 2 : 1), "target \(target)")
        }
    }

    @Test func rowCountsScaleWithTheFlowTarget() throws {
        let sizes = SouthboundSizes(logicalFlows: 20_000, portsPerSwitch: 10, switchesPerRouter: 8)
        let database = try SouthboundWorkload(sizes: sizes).generate()
        let counts = database.rowCounts
        #expect(counts["Datapath_Binding"] == sizes.routers + sizes.switches)
        #expect(counts["Port_Binding"] == sizes.virtualPorts + 2 * sizes.switches)
        #expect(counts["Multicast_Group"] == 2 * sizes.switches)
        #expect(counts["MAC_Binding"] == 4 * sizes.switches)
        #expect(counts["Chassis"] == sizes.virtualPorts / 50)
        #expect(counts["Encap"] == counts["Chassis"] && counts["Chassis_Private"] == counts["Chassis"])
        #expect(counts["SB_Global"] == 1)
        #expect(sizes.switches * sizes.flowsPerSwitchForTests + 122 >= 20_000)
        #expect((sizes.switches - sizes.switchesPerRouter) * sizes.flowsPerSwitchForTests + 122 < 20_000)
    }

    @Test func loadTransactionsRespectTheOperationLimitAndKeepEveryRow() throws {
        let database = try generate(2000, ports: 4)
        let transactions = database.loadTransactions(maxOperations: 100)
        #expect(transactions.allSatisfy { $0.count <= 100 })
        let inserted = transactions.flatMap { $0 }
        #expect(inserted.count == database.totalRows)
        #expect(Set(inserted.compactMap { $0["uuid"]?.stringValue }).count == database.totalRows)
    }

    @Test func generatedDatabasesLoadIntoOVSDBServerAsGenerated() async throws {
        let sizes = SouthboundSizes(logicalFlows: 1500, portsPerSwitch: 5, switchesPerRouter: 3)
        try await LoadedServer.with(sizes) { loaded, client, _ in
            let served = try await loaded.serverRows(using: client)
            let generated = try loaded.modelRows(loaded.database)
            for name in SouthboundDatabase.tableNames {
                #expect(served[name]?.count == loaded.database[name].count, "\(name)")
                #expect(served[name] == generated[name], "\(name)")
            }
        }
    }

    @Test func ovsdbToolAcceptsTheSameTransactions() async throws {
        let directory = try ScratchDirectory(prefix: "benchmark-tests")
        let installation = try OVSInstallation.find()
        let database = try generate(400, ports: 3)
        let report = try await DatabaseFiles.createStandaloneWithTool(
            at: "\(directory.path)/sb.db", schema: installation.southboundSchema, database: SouthboundDatabase.name,
            transactions: database.loadTransactions(maxOperations: 60), installation: installation)
        #expect(report.operations == database.totalRows)
        #expect(report.fileBytes > 100_000)
    }
}

extension SouthboundSizes {
    /// Logical flows per switch, counted from the generator's own flow lists.
    var flowsPerSwitchForTests: Int {
        10 + 23 + aclFlowsPerSwitch + portsPerSwitch * 4
    }
}
