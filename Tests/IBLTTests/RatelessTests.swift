import Testing
@testable import IBLT

@Suite struct RatelessTests {
    /// Feeds the sender's batches to a decoder until it completes (or `limit` symbols).
    private func reconcile(_ sets: ReferenceSets, seed: UInt64, batch: Int, limit: Int = 100_000) throws -> RatelessDecoder {
        var sender = RatelessEncoder(keys: sets.left, seed: seed)
        var local = RatelessEncoder(keys: sets.right, seed: seed)
        var decoder = RatelessDecoder(seed: seed)
        while !decoder.isComplete, decoder.symbolCount < limit {
            try decoder.consume(remote: sender.nextBatch(count: batch), local: &local)
        }
        return decoder
    }

    @Test func decoderRecoversBothSidesOfTheDifference() throws {
        var random = TestRandom(seed: 1)
        for _ in 0..<200 {
            let sets = ReferenceSets(common: random.next(below: 300), leftOnly: random.next(below: 50),
                                     rightOnly: random.next(below: 50), random: &random)
            let decoder = try reconcile(sets, seed: random.next(), batch: 1 + random.next(below: 20))
            #expect(decoder.isComplete)
            #expect(Set(decoder.leftOnly) == sets.leftOnly)
            #expect(Set(decoder.rightOnly) == sets.rightOnly)
        }
    }

    @Test(arguments: [(0, 0, 0), (0, 1, 0), (0, 0, 1), (100, 0, 0), (100, 1, 0), (100, 0, 1)])
    func emptyAndSingleKeyDifferencesCompleteAtOnce(common: Int, leftOnly: Int, rightOnly: Int) throws {
        var random = TestRandom(seed: UInt64(common + 2 * leftOnly + 3 * rightOnly))
        let sets = ReferenceSets(common: common, leftOnly: leftOnly, rightOnly: rightOnly, random: &random)
        let decoder = try reconcile(sets, seed: 9, batch: 1)
        #expect(decoder.isComplete)
        #expect(decoder.symbolCount == 1)
        #expect(Set(decoder.leftOnly) == sets.leftOnly && Set(decoder.rightOnly) == sets.rightOnly)
    }

    @Test func rangesEncodedSeparatelyConcatenateToOneRange() {
        var random = TestRandom(seed: 2)
        let encoder = RatelessEncoder(keys: random.keys(500), seed: 3)
        let whole = encoder.symbols(in: 0..<300)
        let parts = encoder.symbols(in: 0..<1) + encoder.symbols(in: 1..<77) + encoder.symbols(in: 77..<300)
        #expect(whole == parts)
        var streaming = encoder
        let batches = (0..<3).flatMap { _ in streaming.nextBatch(count: 100).symbols }
        #expect(batches == whole)
    }

    @Test func streamingInManyBatchesEqualsOneBigBatch() {
        var random = TestRandom(seed: 6)
        let keys = random.keys(3000)
        let whole = RatelessEncoder(keys: keys, seed: 7).symbols(in: 0..<2000)
        for _ in 0..<20 {
            var streaming = RatelessEncoder(keys: keys, seed: 7)
            var symbols: [CodedSymbol] = []
            while streaming.nextIndex < 2000 {
                let count = min(2000 - streaming.nextIndex, random.next(below: 150))
                let batch = streaming.nextBatch(count: count)
                #expect(batch.firstIndex == symbols.count)
                symbols += batch.symbols
                #expect(streaming.symbols(in: 0..<3) == Array(whole[0..<3]), "random access leaves the stream alone")
            }
            #expect(symbols == whole)
        }
    }

    @Test func theDecoderRefusesALocalEncoderOutOfStep() throws {
        var sender = RatelessEncoder(keys: [Key128(low: 1, high: 2)], seed: 1)
        var local = RatelessEncoder(keys: [Key128(low: 3, high: 4)], seed: 1)
        _ = local.nextBatch(count: 2)
        var decoder = RatelessDecoder(seed: 1)
        #expect(throws: IBLTError.mismatchedSymbolRange(remote: 0..<4, local: 2..<6)) {
            try decoder.consume(remote: sender.nextBatch(count: 4), local: &local)
        }
        #expect(decoder.symbolCount == 0 && local.nextIndex == 2)
    }

    @Test func symbolZeroHoldsEveryKeyAndLaterSymbolsFollowTheMappingProbability() {
        var random = TestRandom(seed: 4)
        let keys = random.keys(20000)
        let symbols = RatelessEncoder(keys: keys, seed: 5).symbols(in: 0..<64)
        #expect(symbols[0].count == 20000)
        #expect(symbols[0].keySum == keys.reduce(Key128.zero, ^))
        // Paper: rho(i) = 1 / (1 + i/2). Our gap sampler approximates it; allow 6% of
        // the mean plus five binomial standard deviations.
        for index in [1, 2, 3, 10, 40, 63] {
            let rho = 1 / (1 + Double(index) / 2)
            let mean = rho * 20000
            let tolerance = 0.06 * mean + 5 * (mean * (1 - rho)).squareRoot()
            #expect(abs(Double(symbols[index].count) - mean) < tolerance, "symbol \(index): \(symbols[index].count)")
        }
    }

    @Test func walksOfAKeyAreStrictlyIncreasingReproducibleAndParkAtTheEnd() {
        var random = TestRandom(seed: 8)
        for _ in 0..<100 {
            let hash = random.next()
            var first = RatelessMapping(mappingHash: hash)
            var second = RatelessMapping(mappingHash: hash)
            var previous = 0
            for _ in 0..<300 {
                first.advance()
                second.advance()
                #expect(first.index > previous || first.index == RatelessMapping.unreachable)
                #expect(first.index == second.index)
                previous = first.index
            }
            // Indices grow geometrically, so 300 steps always overflow and park.
            #expect(first.index == RatelessMapping.unreachable)
        }
    }

    @Test func theDecoderRefusesForeignSeedsAndOutOfOrderBatches() throws {
        var sender = RatelessEncoder(keys: [Key128(low: 1, high: 2)], seed: 1)
        var local = RatelessEncoder(keys: [], seed: 1)
        var foreign = RatelessEncoder(keys: [], seed: 2)
        var decoder = RatelessDecoder(seed: 1)
        let first = sender.nextBatch(count: 4)
        let second = sender.nextBatch(count: 4)
        #expect(throws: IBLTError.mismatchedSymbolRange(remote: 4..<8, local: 0..<4)) {
            try decoder.consume(remote: second, local: &local)
        }
        #expect(throws: IBLTError.mismatchedSeed(left: 2, right: 1)) {
            try decoder.consume(remote: first, local: &foreign)
        }
        try decoder.consume(remote: first, local: &local)
        #expect(decoder.isComplete)
    }

    @Test func junkSymbolsNeverCompleteWithAWrongAnswer() {
        var random = TestRandom(seed: 6)
        for _ in 0..<50 {
            var decoder = RatelessDecoder(seed: random.next())
            let junk = (0..<64).map { _ in
                CodedSymbol(keySum: random.key(), hashSum: random.next(), count: Int32(random.next(below: 3)) - 1)
            }
            decoder.consume(difference: junk)
            #expect(!decoder.isComplete)
            #expect(decoder.leftOnly.isEmpty && decoder.rightOnly.isEmpty)
        }
    }
}
