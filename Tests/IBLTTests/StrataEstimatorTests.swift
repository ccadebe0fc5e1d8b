import Testing
@testable import IBLT

@Suite struct StrataEstimatorTests {
    private func estimate(_ sets: ReferenceSets, seed: UInt64) throws -> Int {
        var left = try StrataEstimator(seed: seed)
        left.insert(contentsOf: sets.left)
        var right = try StrataEstimator(seed: seed)
        right.insert(contentsOf: sets.right)
        return try left.estimateDifference(with: right)
    }

    @Test func equalSetsEstimateZero() throws {
        var random = TestRandom(seed: 1)
        for common in [0, 1, 5000] {
            #expect(try estimate(ReferenceSets(common: common, leftOnly: 0, rightOnly: 0, random: &random), seed: 3) == 0)
        }
    }

    @Test func smallDifferencesAreCountedExactly() throws {
        // Up to a few dozen keys every stratum peels, so the estimate is the exact count.
        var random = TestRandom(seed: 2)
        for _ in 0..<100 {
            let sets = ReferenceSets(common: random.next(below: 300), leftOnly: random.next(below: 15),
                                     rightOnly: random.next(below: 15), random: &random)
            #expect(try estimate(sets, seed: random.next()) == sets.difference)
        }
    }

    @Test(arguments: [100, 1000, 10000, 100_000])
    func largeDifferencesAreEstimatedWithinAFactorOfTwo(difference: Int) throws {
        // The factor stated in the README: within [d/2, 2d] for these fixed seeds.
        var random = TestRandom(seed: UInt64(difference))
        for _ in 0..<10 {
            let sets = ReferenceSets(common: 0, leftOnly: difference / 2, rightOnly: difference - difference / 2,
                                     random: &random)
            let value = try estimate(sets, seed: random.next())
            #expect(value >= difference / 2 && value <= difference * 2, "estimate \(value) for d = \(difference)")
        }
    }

    @Test func commonKeysCancelAndTheEstimateIsSymmetric() throws {
        var random = TestRandom(seed: 4)
        let sets = ReferenceSets(common: 20000, leftOnly: 700, rightOnly: 300, random: &random)
        let differenceOnly = ReferenceSetsView(left: Array(sets.leftOnly), right: Array(sets.rightOnly))
        let full = try estimate(sets, seed: 77)
        #expect(full == (try differenceOnly.estimate(seed: 77)))
        #expect(full == (try differenceOnly.swapped.estimate(seed: 77)))
    }

    @Test func mismatchedGeometryOrSeedIsATypedError() throws {
        let base = try StrataEstimator(seed: 1)
        #expect(throws: IBLTError.self) { try base.estimateDifference(with: StrataEstimator(cellsPerStratum: 81, seed: 1)) }
        #expect(throws: IBLTError.mismatchedSeed(left: 1, right: 2)) {
            try base.estimateDifference(with: StrataEstimator(seed: 2))
        }
        #expect(throws: IBLTError.invalidStrata(strataCount: 65, cellsPerStratum: 80)) {
            try StrataEstimator(strataCount: 65, seed: 0)
        }
    }

    @Test func theWireFormOmitsEmptyStrataAndStaysSmall() throws {
        var estimator = try StrataEstimator(seed: 5)
        #expect(estimator.wireSize == StrataEstimator.wireHeaderBytes)
        var random = TestRandom(seed: 5)
        estimator.insert(contentsOf: random.keys(100_000))
        // 100,000 keys reach stratum ~17; every stratum sent costs 80 x 7 bytes.
        #expect(estimator.wireSize < StrataEstimator.wireHeaderBytes + 22 * 560)
        #expect(estimator.serialized().count == estimator.wireSize)
    }
}

/// Two key lists, for estimating from the differing keys alone.
private struct ReferenceSetsView {
    let left: [Key128]
    let right: [Key128]

    var swapped: ReferenceSetsView { ReferenceSetsView(left: right, right: left) }

    func estimate(seed: UInt64) throws -> Int {
        var mine = try StrataEstimator(seed: seed)
        mine.insert(contentsOf: left)
        var theirs = try StrataEstimator(seed: seed)
        theirs.insert(contentsOf: right)
        return try mine.estimateDifference(with: theirs)
    }
}
