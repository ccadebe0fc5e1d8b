/// One cell of a strata estimator: the IBF cell of Eppstein et al. 2011 (section 3) over
/// 32-bit fingerprints instead of whole keys, 7 bytes on the wire instead of 28.
///
/// The estimator only counts the keys it peels, so it needs no key back: a seeded 32-bit
/// fingerprint of each key stands in for it, a 16-bit check (derived from the
/// fingerprint) for the checksum, and the count is kept modulo 256. Subtraction of two
/// cells is exact modulo 256, and a stratum that peels holds at most a few dozen keys, so
/// a count of +-1 modulo 256 is +-1 in fact, or the check fails.
public struct EstimatorCell: Hashable, Sendable {
    /// XOR of the fingerprints in the cell.
    public var fingerprintSum: UInt32
    /// XOR of the 16-bit checks of the fingerprints in the cell.
    public var checkSum: UInt16
    /// Fingerprints added minus fingerprints removed, modulo 256.
    public var count: UInt8

    /// A cell holding nothing.
    public static let empty = EstimatorCell(fingerprintSum: 0, checkSum: 0, count: 0)

    /// A cell from its three sums.
    public init(fingerprintSum: UInt32, checkSum: UInt16, count: UInt8) {
        self.fingerprintSum = fingerprintSum
        self.checkSum = checkSum
        self.count = count
    }

    /// True when all three sums are zero.
    public var isEmpty: Bool { count == 0 && fingerprintSum == 0 && checkSum == 0 }

    /// Adds (`sign` +1) or removes (-1) one fingerprint.
    @inline(__always)
    mutating func apply(_ fingerprint: UInt32, check: UInt16, sign: Int8) {
        count &+= UInt8(bitPattern: sign)
        fingerprintSum ^= fingerprint
        checkSum ^= check
    }

    /// The cell of the difference: each sum of `right` taken out of `left`.
    public static func - (left: EstimatorCell, right: EstimatorCell) -> EstimatorCell {
        EstimatorCell(fingerprintSum: left.fingerprintSum ^ right.fingerprintSum,
                      checkSum: left.checkSum ^ right.checkSum, count: left.count &- right.count)
    }
}
