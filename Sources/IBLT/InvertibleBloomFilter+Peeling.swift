extension InvertibleBloomFilter {
    /// Lists the keys of a subtracted filter by peeling (Eppstein et al. 2011, section
    /// 2.2; the peeling decoder of Tornado codes).
    ///
    /// A cell is pure only when its count is +-1 *and* its `hashSum` is the checksum of its
    /// `keySum`; the recovered key must also map to that very cell, or it is not taken.
    /// Each taken key is removed from its `k` cells, which may make them pure in turn.
    /// Decoding is complete when every cell ends empty; otherwise the result says so and
    /// the caller retries with a larger filter. At most `cellCount` keys are taken, so
    /// hostile cells cannot make it loop. Does not modify `self`.
    public func decode() -> DecodeResult {
        var table = cells
        var leftOnly: [Key128] = []
        var rightOnly: [Key128] = []
        var candidates: [Int] = []
        candidates.reserveCapacity(cellCount)
        for index in table.indices where table[index].count == 1 || table[index].count == -1 {
            candidates.append(index)
        }
        let mapping = self.mapping
        let seed = mapping.seed
        var taken = 0
        table.withUnsafeMutableBufferPointer { cells in
            while let index = candidates.popLast(), taken < mapping.cellCount {
                guard let sign = cells[index].pureSign(checksumSeed: seed) else { continue }
                let key = cells[index].keySum
                let checksum = cells[index].hashSum
                let mappingHash = KeyHashing.mappingHash(key, seed: seed)
                let partition = mapping.partition(ofCell: index)
                guard mapping.cellIndex(partition: partition, mappingHash: mappingHash) == index else { continue }
                taken += 1
                if sign == 1 { leftOnly.append(key) } else { rightOnly.append(key) }
                mapping.forEachCell(mappingHash: mappingHash) { cell in
                    cells[cell].apply(key, checksum: checksum, sign: -sign)
                    let count = cells[cell].count
                    if count == 1 || count == -1 { candidates.append(cell) }
                }
            }
        }
        let isComplete = table.allSatisfy(\.isEmpty)
        return DecodeResult(leftOnly: leftOnly, rightOnly: rightOnly, isComplete: isComplete)
    }
}
