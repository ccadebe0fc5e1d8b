extension StrataEstimator {
    /// Estimates the number of keys in exactly one of the two sets (Eppstein et al.
    /// 2011, section 3): subtracts `other` stratum by stratum, from the sparsest down,
    /// adding up the keys of each stratum that peels; at the first stratum `i` that does
    /// not, returns the sum so far times 2^(i+1). Throws when the estimators differ in
    /// geometry or seed. The estimate is symmetric in the two sets.
    public func estimateDifference(with other: StrataEstimator) throws(IBLTError) -> Int {
        guard strataCount == other.strataCount, cellsPerStratum == other.cellsPerStratum,
              stratumMapping.hashCount == other.stratumMapping.hashCount else {
            throw .mismatchedGeometry(left: geometryDescription, right: other.geometryDescription)
        }
        guard seed == other.seed else { throw .mismatchedSeed(left: seed, right: other.seed) }
        var counted = 0
        var difference = [EstimatorCell](repeating: .empty, count: cellsPerStratum)
        for stratum in (0..<strataCount).reversed() {
            let base = stratum * cellsPerStratum
            for index in 0..<cellsPerStratum {
                difference[index] = cells[base + index] - other.cells[base + index]
            }
            guard let peeled = peel(&difference, stratum: stratum) else {
                return counted << (stratum + 1)
            }
            counted += peeled
        }
        return counted
    }

    /// Peels one subtracted stratum; the number of fingerprints it held, or `nil` if it
    /// does not peel to empty. A fingerprint is taken only from a cell whose count is +-1
    /// modulo 256, whose check matches, and which the fingerprint's own stratum and
    /// cells point to.
    private func peel(_ cells: inout [EstimatorCell], stratum: Int) -> Int? {
        let mapping = stratumMapping
        var candidates = cells.indices.filter { cells[$0].count == 1 || cells[$0].count == 255 }
        var taken = 0
        while let index = candidates.popLast(), taken < mapping.cellCount {
            let cell = cells[index]
            guard cell.count == 1 || cell.count == 255 else { continue }
            let entry = Fingerprint(value: cell.fingerprintSum, seed: mapping.seed, strataCount: strataCount)
            guard entry.check == cell.checkSum, entry.stratum == stratum,
                  mapping.cellIndex(partition: mapping.partition(ofCell: index), mappingHash: entry.mappingHash) == index
            else { continue }
            taken += 1
            let sign: Int8 = cell.count == 1 ? -1 : 1
            mapping.forEachCell(mappingHash: entry.mappingHash) { target in
                cells[target].apply(entry.value, check: entry.check, sign: sign)
                if cells[target].count == 1 || cells[target].count == 255 { candidates.append(target) }
            }
        }
        return cells.allSatisfy(\.isEmpty) ? taken : nil
    }

    /// A short description of the geometry, for error messages.
    var geometryDescription: String {
        "\(strataCount) strata x \(cellsPerStratum) cells, k=\(stratumMapping.hashCount)"
    }
}
