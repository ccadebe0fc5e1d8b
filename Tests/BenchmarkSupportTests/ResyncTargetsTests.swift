import Testing
@testable import BenchmarkSupport

@Suite struct ResyncTargetsTests {
    private func result(_ strategy: ResyncStrategy, fraction: Double, clients: Int = 50, down: Double, up: Double = 500,
                        trips: Int = 2, cpu: Double, rows: Int = 10_000, outcome: String = "done") -> ResyncResult {
        ResyncResult(strategy: strategy, clients: clients, changeFraction: fraction, bytesDownPerClient: down,
                     bytesUpPerClient: up, roundTrips: trips, wallSeconds: 1, serverCPUSeconds: cpu,
                     rowsDiffering: 20, differingRowsJSONBytes: rows, outcome: outcome)
    }

    @Test func nothingChangedPassesOnlyInOneSmallRoundTrip() {
        let good = ResyncTargets.evaluate([result(.digest, fraction: 0, down: 81, up: 400, trips: 1, cpu: 0.01)])
        #expect(good.count == 1 && good[0].passed)
        let twoTrips = ResyncTargets.evaluate([result(.digest, fraction: 0, down: 81, up: 400, trips: 2, cpu: 0.01)])
        #expect(!twoTrips[0].passed)
        let tooMuchUp = ResyncTargets.evaluate([result(.digest, fraction: 0, down: 81, up: 1025, trips: 1, cpu: 0.01)])
        #expect(!tooMuchUp[0].passed)
    }

    @Test func onePercentIsJudgedAgainstTheDifferingRowsAndTheStandaloneServer() {
        let standalone = result(.ovsdbServerStandalone, fraction: 0.01, down: 3e7, cpu: 80, outcome: "found=false")
        let checks = ResyncTargets.evaluate([result(.digest, fraction: 0.01, down: 12_999, up: 13_191, cpu: 0.79), standalone])
        #expect(checks.map(\.passed) == [true, true])
        let over = ResyncTargets.evaluate([result(.digest, fraction: 0.01, down: 13_001, up: 13_193, cpu: 0.81), standalone])
        #expect(over.map(\.passed) == [false, false])
        // Fewer than 50 clients: no CPU target.
        let few = ResyncTargets.evaluate([result(.digest, fraction: 0.01, clients: 10, down: 100, cpu: 0.1),
                                          result(.ovsdbServerStandalone, fraction: 0.01, clients: 10, down: 3e7, cpu: 80)])
        #expect(few.count == 1)
    }

    @Test func largeChangesMustFallBackWithinTenPercentOfFull() {
        let full = result(.full, fraction: 0.3, down: 1e6, cpu: 10, outcome: "snapshot")
        let fallback = ResyncTargets.evaluate([result(.digest, fraction: 0.3, down: 1.05e6, cpu: 11, outcome: "full(large)"), full])
        #expect(fallback.map(\.passed) == [true])
        let noFallback = ResyncTargets.evaluate([result(.digest, fraction: 0.3, down: 9e5, cpu: 5, outcome: "done"), full])
        #expect(noFallback.map(\.passed) == [false])
        let costly = ResyncTargets.evaluate([result(.digest, fraction: 0.3, down: 1.2e6, cpu: 5, outcome: "full(large)"), full])
        #expect(costly.map(\.passed) == [false])
        #expect(ResyncTargets.evaluate([result(.digest, fraction: 0.3, down: 1, cpu: 1)]).isEmpty)
    }

    @Test func theSpreadStrategyCommitsMoreTransactionsThanTheHistoryKeeps() throws {
        var model = try SouthboundWorkload(sizes: SouthboundSizes(logicalFlows: 3000, portsPerSwitch: 6)).generate()
        let changes = try model.makeChanges(fraction: 0.1, transactions: ResyncStrategy.ovsdbServerClusteredSpread.changeTransactions,
                                            seed: 5)
        #expect(changes.transactions.count > ResyncStrategy.ovsdbHistoryLimit)
        #expect(ResyncStrategy.allCases.filter { $0 != .ovsdbServerClusteredSpread }.allSatisfy { $0.changeTransactions == 1 })
    }
}
