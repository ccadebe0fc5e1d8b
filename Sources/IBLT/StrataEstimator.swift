/// The strata estimator of Eppstein, Goodrich, Uyeda, Varghese 2011, section 3: an
/// estimate of the size of a set difference, sent before the IBF so the IBF can be sized.
///
/// Stratum `i` is a small IBF holding the keys whose seeded hash has `i` trailing zero
/// bits (about one key in 2^(i+1)); the other side subtracts its own estimator and
/// decodes strata from the sparsest down. When stratum `i` fails to decode, the keys
/// counted so far (strata above `i`, a 2^-(i+1) sample of the difference) are scaled by
/// 2^(i+1). Default geometry: 32 strata of 80 cells, 4 hash functions.
///
/// Cells hold 32-bit fingerprints, 7 bytes each (see `EstimatorCell`), and the wire form
/// omits trailing empty strata, so an estimator of a million keys is 11 to 13 KB rather
/// than the 72 KB of 32 strata of full 28-byte cells.
public struct StrataEstimator: Equatable, Sendable {
    /// The usual number of strata (GNUnet and Eppstein et al.'s experiments): enough for
    /// sets of 2^32 keys.
    public static let defaultStrataCount = 32
    /// The usual cells per stratum: decodes about 50 differing keys per stratum.
    public static let defaultCellsPerStratum = 80
    /// Hash functions per stratum: with 80 cells, 50 differing keys peel in 98% of trials
    /// with k = 4 against 90% with k = 3 (`digestsync-bench iblt`, Papers/eppstein2011).
    public static let defaultHashCount = 4
    /// The strata counts the wire format supports.
    public static let strataCountRange: ClosedRange<Int> = 1...64
    /// The largest stratum the wire format supports.
    public static let maximumCellsPerStratum = 4096

    /// Number of strata.
    public let strataCount: Int
    /// Where a fingerprint goes inside its stratum: cells per stratum, `k`, seed.
    public let stratumMapping: CellMapping
    /// The cells, stratum after stratum.
    public internal(set) var cells: [EstimatorCell]

    /// An empty estimator.
    public init(strataCount: Int = defaultStrataCount, cellsPerStratum: Int = defaultCellsPerStratum,
                hashCount: Int = defaultHashCount, seed: UInt64) throws(IBLTError) {
        guard Self.strataCountRange.contains(strataCount), cellsPerStratum <= Self.maximumCellsPerStratum else {
            throw .invalidStrata(strataCount: strataCount, cellsPerStratum: cellsPerStratum)
        }
        let mapping = try CellMapping(cellCount: cellsPerStratum, hashCount: hashCount, seed: seed)
        self.init(strataCount: strataCount, stratumMapping: mapping,
                  cells: Array(repeating: .empty, count: strataCount * cellsPerStratum))
    }

    /// An estimator from parts already checked to fit together (wire decoding).
    init(strataCount: Int, stratumMapping: CellMapping, cells: [EstimatorCell]) {
        precondition(cells.count == strataCount * stratumMapping.cellCount, "cells must fill every stratum")
        self.strataCount = strataCount
        self.stratumMapping = stratumMapping
        self.cells = cells
    }

    /// Cells in each stratum.
    public var cellsPerStratum: Int { stratumMapping.cellCount }
    /// The per-exchange seed.
    public var seed: UInt64 { stratumMapping.seed }

    /// Adds `key` to the stratum its hash selects.
    public mutating func insert(_ key: Key128) {
        apply(CollectionOfOne(key), sign: 1)
    }

    /// Removes `key` (adds it with count -1).
    public mutating func remove(_ key: Key128) {
        apply(CollectionOfOne(key), sign: -1)
    }

    /// Adds every key of `keys`: how a side builds its estimator from its set.
    public mutating func insert(contentsOf keys: [Key128]) {
        apply(keys, sign: 1)
    }

    private mutating func apply(_ keys: some Collection<Key128>, sign: Int8) {
        let mapping = stratumMapping
        let strataCount = self.strataCount
        cells.withUnsafeMutableBufferPointer { table in
            guard let base = table.baseAddress else { return }
            for key in keys {
                let entry = Fingerprint(key: key, seed: mapping.seed, strataCount: strataCount)
                let stratum = base + entry.stratum * mapping.cellCount
                mapping.forEachCell(mappingHash: entry.mappingHash) { index in
                    stratum[index].apply(entry.value, check: entry.check, sign: sign)
                }
            }
        }
    }

    /// The seeded identity of a key inside the estimator: its 32-bit fingerprint, and
    /// everything derived from the fingerprint alone (stratum, cells, check), so a
    /// fingerprint peeled from a cell can be verified to belong there.
    struct Fingerprint {
        let value: UInt32
        let stratum: Int
        let mappingHash: UInt64
        let check: UInt16

        init(key: Key128, seed: UInt64, strataCount: Int) {
            self.init(value: UInt32(truncatingIfNeeded: KeyHashing.checksum(key, seed: seed)),
                      seed: seed, strataCount: strataCount)
        }

        init(value: UInt32, seed: UInt64, strataCount: Int) {
            let derived = KeyHashing.mix(UInt64(value) ^ seed)
            self.value = value
            self.stratum = min(derived.trailingZeroBitCount, strataCount - 1)
            self.check = UInt16(truncatingIfNeeded: derived >> 48)
            self.mappingHash = KeyHashing.mix(derived &+ KeyHashing.golden)
        }
    }
}
