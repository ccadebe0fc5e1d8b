import CXXHash

/// A 128-bit element of a reconciled set: the unit every IBF cell, estimator cell and
/// rateless coded symbol sums (Eppstein et al. 2011, section 2: "idSum").
///
/// Stored as two little-endian 64-bit words, so XOR and equality are two word
/// operations and the byte order on the wire is fixed whatever the host.
public struct Key128: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Bytes 0..<8 of the key, read little-endian.
    public var low: UInt64
    /// Bytes 8..<16 of the key, read little-endian.
    public var high: UInt64

    /// The all-zero key: the XOR identity, and the key sum of an empty cell.
    public static let zero = Key128(low: 0, high: 0)

    /// A key from its two words.
    public init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// A key from exactly 16 bytes; `nil` for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 16 else { return nil }
        var low: UInt64 = 0
        var high: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            if index < 8 {
                low |= UInt64(byte) << (8 * UInt64(index))
            } else {
                high |= UInt64(byte) << (8 * UInt64(index - 8))
            }
        }
        self.init(low: low, high: high)
    }

    /// The key's 16 bytes, low word first, each word little-endian.
    public var bytes: [UInt8] {
        (0..<16).map { index in
            let word = index < 8 ? low : high
            return UInt8(truncatingIfNeeded: word >> (8 * UInt64(index % 8)))
        }
    }

    /// The XOR of two keys: how cells accumulate and cancel keys.
    @inlinable
    public static func ^ (left: Key128, right: Key128) -> Key128 {
        Key128(low: left.low ^ right.low, high: left.high ^ right.high)
    }

    /// XORs `right` into `left`.
    @inlinable
    public static func ^= (left: inout Key128, right: Key128) {
        left.low ^= right.low
        left.high ^= right.high
    }

    /// Orders keys as their 16 bytes compare read as one big-endian integer (high word first).
    public static func < (left: Key128, right: Key128) -> Bool {
        (left.high, left.low) < (right.high, right.low)
    }

    /// Seeded 64-bit XXH3 of the key's 16 bytes. Every hash that crosses the wire goes
    /// through an explicit seed like this one, never through Swift's `Hasher`.
    @inlinable
    public func hash(seed: UInt64) -> UInt64 {
        digestsync_xxh3_64_key128(low.littleEndian, high.littleEndian, seed)
    }

    /// The key as 32 lowercase hex digits, in byte order.
    public var description: String {
        bytes.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0xf)]])
        }.joined()
    }
}
