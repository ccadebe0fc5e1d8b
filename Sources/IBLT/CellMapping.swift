/// Which cells of an invertible Bloom filter hold a key: `k` cells, one in each of `k`
/// equal partitions of the table, so a key never lands twice in one cell (partitioned
/// hashing; Eppstein et al. 2011, section 2, and Goodrich and Mitzenmacher's IBLT
/// analysis, whose peeling thresholds assume it).
///
/// All `k` indices come from one seeded 64-bit XXH3 of the key: its two 32-bit halves give
/// partitions 0 and 1, and each further pair of partitions takes the halves of a
/// splitmix64 mix of it. A 32-bit word is reduced into its partition by a multiply-shift
/// (Lemire's reduction), which needs no division.
public struct CellMapping: Hashable, Sendable {
    /// The numbers of hash functions supported.
    public static let hashCountRange: ClosedRange<Int> = 3...8
    /// The largest table supported: 2^26 cells (1.75 GiB on the wire), far beyond what any
    /// difference this project reconciles needs.
    public static let maximumCellCount = 1 << 26

    /// Cells in the table, over all partitions.
    public let cellCount: Int
    /// `k`: the number of hash functions, one per partition.
    public let hashCount: Int
    /// The per-exchange seed of the checksum and mapping hashes.
    public let seed: UInt64

    /// Cells in every partition; the first `largerPartitions` partitions have one more.
    let partitionSize: Int
    let largerPartitions: Int

    /// A mapping of keys into `cellCount` cells split into `hashCount` partitions.
    public init(cellCount: Int, hashCount: Int, seed: UInt64) throws(IBLTError) {
        guard Self.hashCountRange.contains(hashCount) else {
            throw .invalidHashCount(hashCount, allowed: Self.hashCountRange)
        }
        guard (hashCount...Self.maximumCellCount).contains(cellCount) else {
            throw .invalidCellCount(cellCount, allowed: hashCount...Self.maximumCellCount)
        }
        self.cellCount = cellCount
        self.hashCount = hashCount
        self.seed = seed
        self.partitionSize = cellCount / hashCount
        self.largerPartitions = cellCount % hashCount
    }

    /// The cell of partition `partition` for a key whose mapping hash is `mappingHash`.
    @inline(__always)
    func cellIndex(partition: Int, mappingHash: UInt64) -> Int {
        let word = partition < 2 ? mappingHash
            : KeyHashing.mix(mappingHash &+ UInt64(truncatingIfNeeded: partition >> 1) &* KeyHashing.golden)
        let half = partition & 1 == 0 ? word & 0xffff_ffff : word >> 32
        let larger = partition < largerPartitions
        let size = partitionSize + (larger ? 1 : 0)
        let offset = partition * partitionSize + (larger ? partition : largerPartitions)
        return offset + Int(truncatingIfNeeded: (half &* UInt64(truncatingIfNeeded: size)) >> 32)
    }

    /// Calls `body` with each of the key's `k` cells, partition by partition. Computes
    /// each mixed word once for its two partitions.
    @inline(__always)
    func forEachCell(mappingHash: UInt64, _ body: (Int) -> Void) {
        var offset = 0
        var partition = 0
        while partition < hashCount {
            let word = partition == 0 ? mappingHash
                : KeyHashing.mix(mappingHash &+ UInt64(truncatingIfNeeded: partition >> 1) &* KeyHashing.golden)
            var half = word & 0xffff_ffff
            for _ in 0..<2 where partition < hashCount {
                let size = partitionSize + (partition < largerPartitions ? 1 : 0)
                body(offset + Int(truncatingIfNeeded: (half &* UInt64(truncatingIfNeeded: size)) >> 32))
                offset += size
                partition += 1
                half = word >> 32
            }
        }
    }

    /// The partition that owns cell `index`.
    func partition(ofCell index: Int) -> Int {
        let largeCells = largerPartitions * (partitionSize + 1)
        if index < largeCells { return index / (partitionSize + 1) }
        return largerPartitions + (index - largeCells) / partitionSize
    }

    /// A short human-readable description of the geometry, for error messages.
    var geometryDescription: String { "\(cellCount) cells, k=\(hashCount)" }
}
