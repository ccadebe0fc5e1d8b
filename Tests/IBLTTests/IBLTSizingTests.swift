import Testing
@testable import IBLT

@Suite struct IBLTSizingTests {
    @Test func cellsGrowWithTheDifferenceAndNeverFallBelowTheMeasuredEntry() {
        var previous = 0
        for difference in 0...20000 {
            let size = IBLTSizing.recommended(forDifference: difference)
            #expect(size.cellCount >= previous)
            #expect(CellMapping.hashCountRange.contains(size.hashCount))
            #expect(size.cellCount >= size.hashCount)
            previous = size.cellCount
        }
        for entry in IBLTSizing.measured {
            #expect(IBLTSizing.recommended(forDifference: entry.difference).cellCount == entry.cellCount)
        }
    }

    @Test func anEstimateIsSizedWithTheMargin() {
        for estimate in [1, 10, 100, 1000, 12345] {
            let margin = Int((Double(estimate) * IBLTSizing.estimateMargin).rounded(.up))
            #expect(IBLTSizing.recommended(forEstimate: estimate) == IBLTSizing.recommended(forDifference: margin))
        }
    }

    @Test func recommendedSizesDecodeTheirDifference() throws {
        // 200 trials at each measured size: a 99.5% size fails about once; allow 3.
        var random = TestRandom(seed: 12)
        for entry in IBLTSizing.measured where entry.difference <= 1000 {
            var failures = 0
            for _ in 0..<200 {
                var filter = try InvertibleBloomFilter(cellCount: entry.cellCount, hashCount: entry.hashCount,
                                                       seed: random.next())
                let keys = random.keys(entry.difference)
                filter.insert(contentsOf: Array(keys.prefix(entry.difference / 2)))
                filter.remove(contentsOf: Array(keys.dropFirst(entry.difference / 2)))
                if !filter.decode().isComplete { failures += 1 }
            }
            #expect(failures <= 3, "d = \(entry.difference): \(failures) failures in 200")
        }
    }
}
