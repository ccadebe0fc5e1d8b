import Testing
@testable import IBLT

@Suite struct CellMappingTests {
    @Test(arguments: [3, 4, 5, 6, 7, 8])
    func everyKeyGetsOneCellInEachPartition(hashCount: Int) throws {
        var random = TestRandom(seed: UInt64(hashCount))
        for cellCount in [hashCount, 17, 100, 1361] {
            let mapping = try CellMapping(cellCount: cellCount, hashCount: hashCount, seed: random.next())
            for key in random.keys(200) {
                var cells: [Int] = []
                mapping.forEachCell(mappingHash: KeyHashing.mappingHash(key, seed: mapping.seed)) { cells.append($0) }
                #expect(cells.count == hashCount)
                #expect(cells.allSatisfy { (0..<cellCount).contains($0) })
                #expect(cells.enumerated().allSatisfy { mapping.partition(ofCell: $0.element) == $0.offset })
                #expect(Set(cells).count == hashCount)
            }
        }
    }

    @Test func singleCellLookupAgreesWithTheWalkOverAllPartitions() throws {
        var random = TestRandom(seed: 11)
        let mapping = try CellMapping(cellCount: 1001, hashCount: 7, seed: 5)
        for _ in 0..<500 {
            let hash = random.next()
            var cells: [Int] = []
            mapping.forEachCell(mappingHash: hash) { cells.append($0) }
            #expect(cells == (0..<7).map { mapping.cellIndex(partition: $0, mappingHash: hash) })
        }
    }

    @Test func partitionsTileTheTable() throws {
        for cellCount in [8, 9, 10, 11, 12, 13, 100] {
            let mapping = try CellMapping(cellCount: cellCount, hashCount: 4, seed: 0)
            let owners = (0..<cellCount).map(mapping.partition(ofCell:))
            #expect(owners == owners.sorted())
            #expect(Set(owners) == Set(0..<4))
            let sizes = (0..<4).map { partition in owners.filter { $0 == partition }.count }
            #expect(sizes.max()! - sizes.min()! <= 1)
        }
    }

    @Test func cellsAreSpreadEvenlyOverAPartition() throws {
        let mapping = try CellMapping(cellCount: 40, hashCount: 4, seed: 99)
        var hits = [Int](repeating: 0, count: 40)
        var random = TestRandom(seed: 3)
        for key in random.keys(40_000) {
            mapping.forEachCell(mappingHash: KeyHashing.mappingHash(key, seed: 99)) { hits[$0] += 1 }
        }
        // 4,000 expected per cell; 5 standard deviations is about +-300.
        #expect(hits.allSatisfy { abs($0 - 4000) < 300 })
    }

    @Test func theSeedChangesTheCells() throws {
        let key = Key128(low: 1, high: 2)
        let first = try CellMapping(cellCount: 1000, hashCount: 4, seed: 1)
        let second = try CellMapping(cellCount: 1000, hashCount: 4, seed: 2)
        var a: [Int] = [], b: [Int] = []
        first.forEachCell(mappingHash: KeyHashing.mappingHash(key, seed: 1)) { a.append($0) }
        second.forEachCell(mappingHash: KeyHashing.mappingHash(key, seed: 2)) { b.append($0) }
        #expect(a != b)
    }

    @Test func geometryOutOfRangeIsATypedError() {
        #expect(throws: IBLTError.invalidHashCount(2, allowed: 3...8)) {
            try CellMapping(cellCount: 100, hashCount: 2, seed: 0)
        }
        #expect(throws: IBLTError.invalidHashCount(9, allowed: 3...8)) {
            try CellMapping(cellCount: 100, hashCount: 9, seed: 0)
        }
        #expect(throws: IBLTError.invalidCellCount(3, allowed: 4...CellMapping.maximumCellCount)) {
            try CellMapping(cellCount: 3, hashCount: 4, seed: 0)
        }
    }
}
