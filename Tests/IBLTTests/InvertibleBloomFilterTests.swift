import Testing
@testable import IBLT

@Suite struct InvertibleBloomFilterTests {
    private func filter(_ keys: [Key128], cells: Int, k: Int, seed: UInt64) throws -> InvertibleBloomFilter {
        var filter = try InvertibleBloomFilter(cellCount: cells, hashCount: k, seed: seed)
        filter.insert(contentsOf: keys)
        return filter
    }

    @Test func peelingRecoversBothSidesOfTheDifference() throws {
        var random = TestRandom(seed: 1)
        for trial in 0..<300 {
            let sets = ReferenceSets(common: random.next(below: 500), leftOnly: random.next(below: 40),
                                     rightOnly: random.next(below: 40), random: &random)
            let size = IBLTSizing.recommended(forDifference: sets.difference)
            let seed = random.next()
            let left = try filter(sets.left, cells: size.cellCount * 2, k: size.hashCount, seed: seed)
            let right = try filter(sets.right, cells: size.cellCount * 2, k: size.hashCount, seed: seed)
            let result = try left.subtracting(right).decode()
            #expect(result.isComplete, "trial \(trial)")
            #expect(Set(result.leftOnly) == sets.leftOnly)
            #expect(Set(result.rightOnly) == sets.rightOnly)
        }
    }

    @Test(arguments: [(0, 0), (1, 0), (0, 1), (1, 1)])
    func tinyDifferencesAndEmptySetsDecode(leftOnly: Int, rightOnly: Int) throws {
        var random = TestRandom(seed: UInt64(leftOnly * 2 + rightOnly))
        for common in [0, 1, 1000] {
            let sets = ReferenceSets(common: common, leftOnly: leftOnly, rightOnly: rightOnly, random: &random)
            let seed = random.next()
            let result = try filter(sets.left, cells: 12, k: 3, seed: seed)
                .subtracting(filter(sets.right, cells: 12, k: 3, seed: seed)).decode()
            #expect(result.isComplete)
            #expect(Set(result.leftOnly) == sets.leftOnly)
            #expect(Set(result.rightOnly) == sets.rightOnly)
        }
    }

    @Test func subtractingTheOtherWaySwapsTheSides() throws {
        var random = TestRandom(seed: 2)
        let sets = ReferenceSets(common: 100, leftOnly: 20, rightOnly: 30, random: &random)
        let left = try filter(sets.left, cells: 150, k: 4, seed: 9)
        let right = try filter(sets.right, cells: 150, k: 4, seed: 9)
        let forward = try left.subtracting(right).decode()
        let backward = try right.subtracting(left).decode()
        #expect(forward.isComplete && backward.isComplete)
        #expect(Set(forward.leftOnly) == Set(backward.rightOnly))
        #expect(Set(forward.rightOnly) == Set(backward.leftOnly))
    }

    @Test func aFilterMinusItselfIsEmptyAndRemoveUndoesInsert() throws {
        var random = TestRandom(seed: 3)
        let keys = random.keys(1000)
        let full = try filter(keys, cells: 64, k: 5, seed: 4)
        #expect(try full.subtracting(full).isEmpty)
        var emptied = full
        emptied.remove(contentsOf: keys)
        #expect(emptied.isEmpty)
        var single = try InvertibleBloomFilter(cellCount: 64, hashCount: 5, seed: 4)
        single.insert(keys[0])
        single.remove(keys[0])
        #expect(single.isEmpty)
    }

    @Test func subtractionIsTheFilterOfTheDifference() throws {
        var random = TestRandom(seed: 5)
        let sets = ReferenceSets(common: 300, leftOnly: 10, rightOnly: 10, random: &random)
        let difference = try filter(sets.left, cells: 60, k: 3, seed: 1)
            .subtracting(filter(sets.right, cells: 60, k: 3, seed: 1))
        var direct = try InvertibleBloomFilter(cellCount: 60, hashCount: 3, seed: 1)
        direct.insert(contentsOf: Array(sets.leftOnly))
        direct.remove(contentsOf: Array(sets.rightOnly))
        #expect(difference == direct)
    }

    @Test func anUndersizedFilterReportsFailureNeverAWrongAnswer() throws {
        var random = TestRandom(seed: 6)
        var failures = 0
        for _ in 0..<200 {
            let sets = ReferenceSets(common: 50, leftOnly: random.next(below: 60) + 10,
                                     rightOnly: random.next(below: 60) + 10, random: &random)
            let seed = random.next()
            let result = try filter(sets.left, cells: 40, k: 3, seed: seed)
                .subtracting(filter(sets.right, cells: 40, k: 3, seed: seed)).decode()
            #expect(Set(result.leftOnly).isSubset(of: sets.leftOnly))
            #expect(Set(result.rightOnly).isSubset(of: sets.rightOnly))
            if result.isComplete {
                #expect(Set(result.leftOnly) == sets.leftOnly && Set(result.rightOnly) == sets.rightOnly)
            } else {
                failures += 1
            }
        }
        #expect(failures > 150)
    }

    @Test func aCellWithCountOneButAWrongChecksumIsNotPeeled() throws {
        var filter = try InvertibleBloomFilter(cellCount: 12, hashCount: 3, seed: 8)
        filter.cells[0] = Cell(keySum: Key128(low: 5, high: 6), hashSum: 12345, count: 1)
        let result = filter.decode()
        #expect(!result.isComplete)
        #expect(result.leftOnly.isEmpty && result.rightOnly.isEmpty)
    }

    @Test func aPureLookingCellWhoseKeyMapsElsewhereIsNotPeeled() throws {
        var filter = try InvertibleBloomFilter(cellCount: 300, hashCount: 3, seed: 8)
        let key = Key128(low: 77, high: 88)
        var cells: [Int] = []
        filter.mapping.forEachCell(mappingHash: KeyHashing.mappingHash(key, seed: 8)) { cells.append($0) }
        let elsewhere = (0..<300).first { !cells.contains($0) }!
        filter.cells[elsewhere] = Cell(keySum: key, hashSum: KeyHashing.checksum(key, seed: 8), count: 1)
        let result = filter.decode()
        #expect(!result.isComplete)
        #expect(result.leftOnly.isEmpty)
    }

    @Test func mismatchedGeometryOrSeedIsATypedError() throws {
        let base = try InvertibleBloomFilter(cellCount: 100, hashCount: 4, seed: 1)
        #expect(throws: IBLTError.mismatchedGeometry(left: "100 cells, k=4", right: "101 cells, k=4")) {
            try base.subtracting(InvertibleBloomFilter(cellCount: 101, hashCount: 4, seed: 1))
        }
        #expect(throws: IBLTError.mismatchedGeometry(left: "100 cells, k=4", right: "100 cells, k=5")) {
            try base.subtracting(InvertibleBloomFilter(cellCount: 100, hashCount: 5, seed: 1))
        }
        #expect(throws: IBLTError.mismatchedSeed(left: 1, right: 2)) {
            try base.subtracting(InvertibleBloomFilter(cellCount: 100, hashCount: 4, seed: 2))
        }
    }

    @Test func theSeedChangesChecksumsSoFiltersOfOtherSeedsDiffer() throws {
        let keys = [Key128(low: 1, high: 1)]
        #expect(try filter(keys, cells: 30, k: 3, seed: 1).cells != filter(keys, cells: 30, k: 3, seed: 2).cells)
    }
}
