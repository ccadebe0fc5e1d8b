import Testing
@testable import IBLT

@Suite struct WireFormatTests {
    private func sampleFilter() throws -> InvertibleBloomFilter {
        var random = TestRandom(seed: 1)
        var filter = try InvertibleBloomFilter(cellCount: 37, hashCount: 5, seed: 0xfeed)
        filter.insert(contentsOf: random.keys(30))
        filter.remove(contentsOf: random.keys(10))
        return filter
    }

    private func sampleEstimator() throws -> StrataEstimator {
        var random = TestRandom(seed: 2)
        var estimator = try StrataEstimator(seed: 0xbeef)
        estimator.insert(contentsOf: random.keys(5000))
        estimator.remove(random.key())
        return estimator
    }

    private func sampleBatch() -> CodedSymbolBatch {
        var random = TestRandom(seed: 3)
        var encoder = RatelessEncoder(keys: random.keys(100), seed: 0xcafe)
        _ = encoder.nextBatch(count: 5)
        return encoder.nextBatch(count: 20)
    }

    @Test func everyStructureRoundTrips() throws {
        let filter = try sampleFilter()
        let filterBytes = filter.serialized()
        #expect(filterBytes.count == InvertibleBloomFilter.wireSize(cellCount: 37))
        #expect(try InvertibleBloomFilter(wireBytes: filterBytes) == filter)

        let estimator = try sampleEstimator()
        let estimatorBytes = estimator.serialized()
        #expect(estimatorBytes.count == estimator.wireSize)
        #expect(try StrataEstimator(wireBytes: estimatorBytes) == estimator)

        let batch = sampleBatch()
        let batchBytes = batch.serialized()
        #expect(batchBytes.count == CodedSymbolBatch.wireSize(symbolCount: 20))
        #expect(try CodedSymbolBatch(wireBytes: batchBytes) == batch)
    }

    @Test func aFilterReadFromTheWireDecodesLikeTheOriginal() throws {
        var random = TestRandom(seed: 4)
        let sets = ReferenceSets(common: 200, leftOnly: 15, rightOnly: 15, random: &random)
        var left = try InvertibleBloomFilter(cellCount: 60, hashCount: 4, seed: 5)
        left.insert(contentsOf: sets.left)
        var right = try InvertibleBloomFilter(cellCount: 60, hashCount: 4, seed: 5)
        right.insert(contentsOf: sets.right)
        let received = try InvertibleBloomFilter(wireBytes: right.serialized())
        let result = try left.subtracting(received).decode()
        #expect(result.isComplete && Set(result.leftOnly) == sets.leftOnly && Set(result.rightOnly) == sets.rightOnly)
    }

    @Test func everyTruncationIsATypedError() throws {
        let encodings = [try sampleFilter().serialized(), try sampleEstimator().serialized(), sampleBatch().serialized()]
        for bytes in encodings {
            for length in 0..<bytes.count {
                let prefix = Array(bytes[0..<length])
                #expect(throws: WireFormatError.self) { try InvertibleBloomFilter(wireBytes: prefix) }
                #expect(throws: WireFormatError.self) { try StrataEstimator(wireBytes: prefix) }
                #expect(throws: WireFormatError.self) { try CodedSymbolBatch(wireBytes: prefix) }
            }
        }
    }

    @Test func trailingBytesWrongVersionAndWrongStructureAreRejected() throws {
        let bytes = try sampleFilter().serialized()
        #expect(throws: WireFormatError.trailingBytes(count: 1)) { try InvertibleBloomFilter(wireBytes: bytes + [0]) }
        var version = bytes
        version[0] = 2
        #expect(throws: WireFormatError.unsupportedVersion(2, supported: 1)) { try InvertibleBloomFilter(wireBytes: version) }
        #expect(throws: WireFormatError.wrongStructure(found: 1, expected: 2)) { try StrataEstimator(wireBytes: bytes) }
        #expect(throws: WireFormatError.wrongStructure(found: 1, expected: 3)) { try CodedSymbolBatch(wireBytes: bytes) }
    }

    @Test func outOfRangeHeaderFieldsAreRejected() throws {
        var filter = try sampleFilter().serialized()
        filter[2] = 9  // k
        #expect(throws: WireFormatError.invalidField(field: "hash count", value: 9)) {
            try InvertibleBloomFilter(wireBytes: filter)
        }
        filter[2] = 5
        filter[3...6] = [2, 0, 0, 0]  // 2 cells < k
        #expect(throws: WireFormatError.invalidField(field: "cell count", value: 2)) {
            try InvertibleBloomFilter(wireBytes: filter)
        }
        filter[3...6] = [0xff, 0xff, 0xff, 0xff]  // 4 billion cells: refused before any allocation
        #expect(throws: WireFormatError.invalidField(field: "cell count", value: 0xffff_ffff)) {
            try InvertibleBloomFilter(wireBytes: filter)
        }

        var estimator = try sampleEstimator().serialized()
        estimator[14] = estimator[2] + 1  // more strata sent than declared
        #expect(throws: WireFormatError.invalidField(field: "strata sent", value: UInt64(estimator[14]))) {
            try StrataEstimator(wireBytes: estimator)
        }
        estimator[2] = 0
        #expect(throws: WireFormatError.invalidField(field: "strata count", value: 0)) {
            try StrataEstimator(wireBytes: estimator)
        }

        var batch = sampleBatch().serialized()
        batch[10...13] = [0xff, 0xff, 0xff, 0x7f]  // first index 2^31 - 1, plus 20 symbols
        #expect(throws: WireFormatError.invalidField(field: "symbol count", value: 20)) {
            try CodedSymbolBatch(wireBytes: batch)
        }
    }

    @Test func inputOverTheLimitIsRejectedBeforeParsing() throws {
        let bytes = try sampleFilter().serialized()
        #expect(throws: WireFormatError.oversized(byteCount: bytes.count, limit: 100)) {
            try InvertibleBloomFilter(wireBytes: bytes, maximumBytes: 100)
        }
        let batch = sampleBatch().serialized()
        #expect(throws: WireFormatError.oversized(byteCount: batch.count, limit: 18)) {
            try CodedSymbolBatch(wireBytes: batch, maximumBytes: 18)
        }
        let estimator = try sampleEstimator().serialized()
        #expect(throws: WireFormatError.oversized(byteCount: estimator.count, limit: 15)) {
            try StrataEstimator(wireBytes: estimator, maximumBytes: 15)
        }
    }

    @Test func randomBytesAreATypedErrorNeverATrap() throws {
        var random = TestRandom(seed: 9)
        let headers: [[UInt8]] = [[], [1, 1], [1, 2], [1, 3]]
        for _ in 0..<3000 {
            let header = headers[random.next(below: headers.count)]
            let bytes = header + random.bytes(random.next(below: 120))
            // Any outcome but a trap is acceptable; nearly all are errors.
            _ = try? InvertibleBloomFilter(wireBytes: bytes)
            _ = try? StrataEstimator(wireBytes: bytes)
            _ = try? CodedSymbolBatch(wireBytes: bytes)
        }
        for _ in 0..<200 {
            var corrupted = try sampleFilter().serialized()
            corrupted[random.next(below: corrupted.count)] = UInt8(truncatingIfNeeded: random.next())
            if let parsed = try? InvertibleBloomFilter(wireBytes: corrupted) {
                #expect(parsed.serialized() == corrupted)
            }
        }
    }
}
