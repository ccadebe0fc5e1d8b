/// One cell of an invertible Bloom filter (Eppstein et al. 2011, section 2: `count`,
/// `idSum`, `hashSum`), and also one coded symbol of the rateless code, which the paper
/// describes as a cell of an IBLT with unboundedly many cells (Yang, Gilad, Alizadeh
/// 2024, section 4).
///
/// Every field is a sum over the keys mapped to the cell, so subtracting the cells of two
/// sets leaves exactly the keys that differ. Arithmetic wraps, so adversarial input can
/// never trap.
public struct Cell: Hashable, Sendable {
    /// XOR of the keys in the cell ("idSum").
    public var keySum: Key128
    /// XOR of the seeded XXH3 checksum of each key in the cell ("hashSum").
    public var hashSum: UInt64
    /// Keys added minus keys removed.
    public var count: Int32

    /// A cell that holds no key.
    public static let empty = Cell(keySum: .zero, hashSum: 0, count: 0)

    /// A cell from its three sums, as read from the wire.
    public init(keySum: Key128, hashSum: UInt64, count: Int32) {
        self.keySum = keySum
        self.hashSum = hashSum
        self.count = count
    }

    /// True when all three sums are zero: the cell holds no key, or keys that cancel.
    @inlinable
    public var isEmpty: Bool {
        count == 0 && hashSum == 0 && keySum.low == 0 && keySum.high == 0
    }

    /// Adds (`sign` = +1) or removes (`sign` = -1) one key whose checksum is `checksum`.
    @inline(__always)
    mutating func apply(_ key: Key128, checksum: UInt64, sign: Int32) {
        count &+= sign
        keySum ^= key
        hashSum ^= checksum
    }

    /// The side of a pure cell: +1 or -1 when `count` is +-1 *and* `hashSum` is the
    /// checksum of `keySum` under `checksumSeed` (Eppstein et al. 2011, section 2.2);
    /// `nil` otherwise.
    func pureSign(checksumSeed: UInt64) -> Int32? {
        guard count == 1 || count == -1 else { return nil }
        guard KeyHashing.checksum(keySum, seed: checksumSeed) == hashSum else { return nil }
        return count
    }

    /// The cell of the set difference: each sum of `right` taken out of `left`.
    @inlinable
    public static func - (left: Cell, right: Cell) -> Cell {
        Cell(keySum: left.keySum ^ right.keySum, hashSum: left.hashSum ^ right.hashSum,
             count: left.count &- right.count)
    }
}
