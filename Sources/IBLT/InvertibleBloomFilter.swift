/// An invertible Bloom filter over 128-bit keys (Eppstein, Goodrich, Uyeda, Varghese,
/// "What's the Difference?", SIGCOMM 2011, section 2).
///
/// Each side of an exchange builds one from its set with the same geometry and seed; one
/// side subtracts the other's and peels the result (`decode()`) to list the keys that
/// differ. Size it with `IBLTSizing`. A value type: the cells live in an array, so copies
/// are cheap until written (copy on write).
public struct InvertibleBloomFilter: Equatable, Sendable {
    /// Where keys go: cell count, `k` and seed.
    public let mapping: CellMapping
    /// The table, partition after partition.
    public internal(set) var cells: [Cell]

    /// An empty filter of `cellCount` cells and `hashCount` hash functions.
    public init(cellCount: Int, hashCount: Int, seed: UInt64) throws(IBLTError) {
        self.init(mapping: try CellMapping(cellCount: cellCount, hashCount: hashCount, seed: seed))
    }

    /// An empty filter with the given mapping.
    public init(mapping: CellMapping) {
        self.mapping = mapping
        self.cells = Array(repeating: .empty, count: mapping.cellCount)
    }

    /// A filter from a mapping and cells already checked to match it (wire decoding).
    init(mapping: CellMapping, cells: [Cell]) {
        precondition(cells.count == mapping.cellCount, "cell count must match the mapping")
        self.mapping = mapping
        self.cells = cells
    }

    /// Number of cells.
    public var cellCount: Int { mapping.cellCount }
    /// `k`: the number of cells each key is added to.
    public var hashCount: Int { mapping.hashCount }
    /// The seed of the checksum and mapping hashes.
    public var seed: UInt64 { mapping.seed }

    /// True when every cell is empty: the filter holds no key, or the two filters that were
    /// subtracted held the same keys.
    public var isEmpty: Bool { cells.allSatisfy(\.isEmpty) }

    /// Adds `key` to its `k` cells. Inserting a key twice counts it twice; removing it
    /// cancels one insertion.
    public mutating func insert(_ key: Key128) {
        apply(CollectionOfOne(key), sign: 1)
    }

    /// Removes `key` from its `k` cells (adds it with count -1).
    public mutating func remove(_ key: Key128) {
        apply(CollectionOfOne(key), sign: -1)
    }

    /// Adds every key of `keys`: the way a side builds its filter from its set.
    public mutating func insert(contentsOf keys: [Key128]) {
        apply(keys, sign: 1)
    }

    /// Removes every key of `keys`.
    public mutating func remove(contentsOf keys: [Key128]) {
        apply(keys, sign: -1)
    }

    /// The hot loop of building: one checksum and one mapping hash per key, then `k`
    /// cell updates through an unsafe buffer (no bounds checks: indices are below
    /// `cellCount` by construction of `CellMapping`).
    private mutating func apply(_ keys: some Collection<Key128>, sign: Int32) {
        let mapping = self.mapping
        let seed = mapping.seed
        cells.withUnsafeMutableBufferPointer { table in
            guard let base = table.baseAddress else { return }
            for key in keys {
                let checksum = KeyHashing.checksum(key, seed: seed)
                let mappingHash = KeyHashing.mappingHash(key, seed: seed)
                mapping.forEachCell(mappingHash: mappingHash) { index in
                    base[index].apply(key, checksum: checksum, sign: sign)
                }
            }
        }
    }

    /// The filter of the difference `self - other`: decoding it lists the keys only in
    /// `self` as `leftOnly` and the keys only in `other` as `rightOnly`.
    /// Throws when the filters differ in geometry or seed.
    public func subtracting(_ other: InvertibleBloomFilter) throws(IBLTError) -> InvertibleBloomFilter {
        var result = self
        try result.subtract(other)
        return result
    }

    /// Subtracts `other` cell by cell, in place (see `subtracting(_:)`).
    public mutating func subtract(_ other: InvertibleBloomFilter) throws(IBLTError) {
        guard mapping.cellCount == other.mapping.cellCount, mapping.hashCount == other.mapping.hashCount else {
            throw .mismatchedGeometry(left: mapping.geometryDescription, right: other.mapping.geometryDescription)
        }
        guard mapping.seed == other.mapping.seed else {
            throw .mismatchedSeed(left: mapping.seed, right: other.mapping.seed)
        }
        other.cells.withUnsafeBufferPointer { theirs in
            cells.withUnsafeMutableBufferPointer { mine in
                for index in mine.indices {
                    mine[index] = mine[index] - theirs[index]
                }
            }
        }
    }
}
