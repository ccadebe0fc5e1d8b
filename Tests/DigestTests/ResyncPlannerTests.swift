import IBLT
import Testing
@testable import Digest

/// Each rule of the planner, at the boundary where it changes its answer.
@Suite struct ResyncPlannerTests {
    let planner = ResyncPlanner(averageRowBytes: 400)
    static let schema = SHA256Digest(of: [1])
    static let clientView = SHA256Digest(of: [2])
    static let serverView = SHA256Digest(of: [3])

    static func offer(rows: Int, mode: ResyncMode = .ibf, commitment: SHA256Digest = clientView,
                      schema: SHA256Digest = schema) -> ResyncOffer {
        ResyncOffer(seed: 1, commitment: commitment, rowCount: rows, schema: schema, mode: mode)
    }

    @Test func anotherSchemaForcesAFullSnapshotEvenWhenTheViewsLookEqual() {
        let offer = Self.offer(rows: 1000, commitment: Self.serverView, schema: SHA256Digest(of: [9]))
        #expect(planner.opening(offer: offer, serverSchema: Self.schema, serverCommitment: Self.serverView,
                                serverRows: 1000) == .full(.schemaChanged))
    }

    @Test func equalCommitmentsAreInSyncWhateverTheSize() {
        for rows in [0, 1, 1_000_000] {
            let offer = Self.offer(rows: rows, commitment: Self.serverView)
            #expect(planner.opening(offer: offer, serverSchema: Self.schema, serverCommitment: Self.serverView,
                                    serverRows: rows) == .inSync)
        }
    }

    @Test func aViewSmallerThanTheEstimatorIsSentWhole() {
        // The largest view whose estimator costs more than 10% of its snapshot (400 bytes a
        // row): 10 x 4.5 to 9 KB of estimator is 112 to 225 rows.
        let largestSmall = (1...1000).last { 10 * ResyncPlanner.estimatorJSONBytes(rows: $0) > 400 * $0 } ?? 0
        #expect(largestSmall > 100 && largestSmall < 250)
        for (rows, expected) in [(largestSmall, ResyncPlanner.Opening.full(.smallView)), (largestSmall + 1, .estimator)] {
            #expect(planner.opening(offer: Self.offer(rows: rows), serverSchema: Self.schema,
                                    serverCommitment: Self.serverView, serverRows: rows) == expected)
        }
    }

    @Test func aLargeRowCountGapIsSentWholeBeforeAnyStructureIsBuilt() {
        // 10% of the keys of both sides: a gap of 222 of 2222 keys is below 222.2, 223 of
        // 2223 is above 222.3.
        let below = planner.opening(offer: Self.offer(rows: 1000), serverSchema: Self.schema,
                                    serverCommitment: Self.serverView, serverRows: 1222)
        let above = planner.opening(offer: Self.offer(rows: 1000), serverSchema: Self.schema,
                                    serverCommitment: Self.serverView, serverRows: 1223)
        #expect(ResyncPlanner.estimatorJSONBytes(rows: 1222) * 10 < planner.snapshotBytes(rows: 1222))
        #expect(below == .estimator)
        #expect(above == .full(.largeDifference))
        let emptyReplica = planner.opening(offer: Self.offer(rows: 0), serverSchema: Self.schema,
                                           serverCommitment: Self.serverView, serverRows: 5000)
        #expect(emptyReplica == .full(.largeDifference))
    }

    @Test func ratelessOpensWithABatchSizedByTheGap() {
        let same = planner.opening(offer: Self.offer(rows: 10_000, mode: .rateless), serverSchema: Self.schema,
                                   serverCommitment: Self.serverView, serverRows: 10_000)
        #expect(same == .symbols(count: 32))
        let gap = planner.opening(offer: Self.offer(rows: 10_000, mode: .rateless), serverSchema: Self.schema,
                                  serverCommitment: Self.serverView, serverRows: 10_100)
        #expect(gap == .symbols(count: 160))
        // 32 symbols are 1,220 bytes of JSON: more than 10% of 30 rows of 400 bytes.
        let tiny = planner.opening(offer: Self.offer(rows: 30, mode: .rateless), serverSchema: Self.schema,
                                   serverCommitment: Self.serverView, serverRows: 30)
        #expect(tiny == .full(.smallView))
    }

    @Test func theFilterIsSizedFromTheEstimateWithTheSizingMargin() {
        let plan = planner.filter(estimate: 1000, serverRows: 1_000_000, clientRows: 1_000_000)
        let size = IBLTSizing.recommended(forEstimate: 1000)
        #expect(plan == .ibf(cellCount: size.cellCount, hashCount: size.hashCount))
        #expect(size.cellCount >= 1400)
    }

    @Test func aLargeEstimateOrACostlyFilterFallsBackToFull() {
        // 10% of both sides' keys.
        #expect(planner.filter(estimate: 200_000, serverRows: 1_000_000, clientRows: 1_000_000) == .full(.largeDifference))
        #expect(planner.filter(estimate: 199_000, serverRows: 1_000_000, clientRows: 1_000_000) != .full(.largeDifference))
        // Rows of 10 bytes: at 9.5% of the keys (19,000), below the share, the IBF (about
        // 36,000 cells, 1.3 MB of JSON) costs more than the whole snapshot (1 MB); at 2.5%
        // it does not.
        let thin = ResyncPlanner(averageRowBytes: 10)
        #expect(thin.filter(estimate: 19_000, serverRows: 100_000, clientRows: 100_000) == .full(.largeDifference))
        #expect(thin.filter(estimate: 5_000, serverRows: 100_000, clientRows: 100_000) != .full(.largeDifference))
        let limited = ResyncPlanner(limits: DigestLimits(maximumEstimatorBytes: 1 << 16, maximumIBFCells: 1000,
                                                         maximumSymbolsPerBatch: 1000, maximumKeys: 1000))
        #expect(limited.filter(estimate: 1000, serverRows: 1_000_000, clientRows: 1_000_000) == .full(.largeDifference))
    }

    @Test func aFailedDecodeIsRetriedOnceWithTwiceTheCellsThenFull() {
        #expect(planner.afterFailedDecode(cellCount: 1360, attempt: 1, serverRows: 1_000_000) == .retry(cellCount: 2720))
        #expect(planner.afterFailedDecode(cellCount: 2720, attempt: 2, serverRows: 1_000_000) == .full(.decodeFailed))
        #expect(planner.afterFailedDecode(cellCount: 1360, attempt: 1, serverRows: 100) == .full(.decodeFailed))
    }

    @Test func ratelessBatchesDoubleTheTotalUntilTheyWouldCostATenthOfTheSnapshot() {
        #expect(planner.nextSymbols(received: 32, serverRows: 10_000, clientRows: 10_000) == .more(count: 32))
        // 10,000 rows of 400 bytes: 4 MB, a tenth of it 400 KB; 8,192 symbols are 306 KB
        // of JSON, 16,384 are 612 KB.
        #expect(planner.nextSymbols(received: 4096, serverRows: 10_000, clientRows: 10_000) == .more(count: 4096))
        #expect(planner.nextSymbols(received: 8192, serverRows: 10_000, clientRows: 10_000) == .full(.largeDifference))
        #expect(ResyncPlanner.maximumUsefulSymbols(serverRows: 10, clientRows: 10) == 104)
    }

    @Test func byteArithmeticMatchesTheWireFormats() throws {
        var estimator = try StrataEstimator(seed: 5)
        estimator.insert(contentsOf: (0..<1000).map { Key128(low: $0 &* 0x9e37_79b9_7f4a_7c15, high: $0) })
        let actual = Base64.encodedLength(of: estimator.serialized().count)
        let predicted = ResyncPlanner.estimatorJSONBytes(rows: 1000)
        #expect(abs(actual - predicted) <= Base64.encodedLength(of: 3 * 560), "predicted \(predicted), actual \(actual)")
        let filter = try InvertibleBloomFilter(cellCount: 100, hashCount: 4, seed: 1)
        #expect(ResyncPlanner.filterJSONBytes(cells: 100) == Base64.encode(filter.serialized()).utf8.count)
        #expect(ResyncPlanner.keysJSONBytes(count: 3) == 64)
    }
}
