/// The coded-symbol indices one key is added to in the rateless code (Yang, Gilad,
/// Alizadeh, "Practical Rateless Set Reconciliation", SIGCOMM 2024, section 4).
///
/// The paper maps a key to symbol `i` with probability rho(i) = 1 / (1 + i/2): symbol 0
/// holds every key, and a key is in about 2 ln(m) of the first `m` symbols. Rather than
/// testing every index, a key jumps from one of its indices to the next by sampling the
/// gap (the paper's efficient mapping generation). With rho as above, the chance that a
/// key at index `i` skips every index before `j` is close to ((i + 1.5) / (j + 0.5))^2, so
/// the next index is `floor((i + 1.5) * w - 0.5)` (at least `i + 1`) for a random `w >= 1`
/// with P(w >= x) = 1/x^2.
///
/// Such a `w` is 1 / max(u1, u2) for two uniforms in (0, 1], since P(max <= t) = t^2: one
/// division and no square root. The uniforms are the two halves of a splitmix64 output
/// seeded by the key's mapping hash, so a key's whole index sequence follows from the key
/// and the seed, and an encoder can start a key anywhere by walking it forward with no
/// per-key storage. `w` is taken to 31 fractional bits and the step from `i` to the next
/// index is integer arithmetic; `w` does not depend on `i`, so the dependency chain from
/// one index to the next is a few integer instructions. The one floating-point operation
/// is an IEEE-754 division of exact integers, correctly rounded on every platform, so
/// both sides walk the same indices.
struct RatelessMapping {
    /// An index no key reaches: where a walk parks once the next index would pass 2^62.
    static let unreachable = 1 << 62

    /// The current index (the last one returned).
    private(set) var index: Int
    /// The generator state.
    private var state: UInt64

    /// The walk of a key whose mapping hash is `mappingHash`, at its first index, 0.
    @inline(__always)
    init(mappingHash: UInt64) {
        index = 0
        state = mappingHash
    }

    /// Moves to the key's next index.
    @inline(__always)
    mutating func advance() {
        state &+= KeyHashing.golden
        let random = KeyHashing.mix(state)
        // max(u1, u2) * 2^32, in 1...2^32.
        let largest = max(random & 0xffff_ffff, random >> 32) + 1
        // w * 2^31 = 2^63 / largest, in 2^31...2^63; the top value saturates.
        let quotient = 0x1p63 / Double(Int64(bitPattern: largest))
        let stretch = quotient < 0x1p63 ? UInt64(Int64(quotient)) : UInt64.max
        // floor(((2i + 3) * w * 2^31 - 2^31) / 2^32) = floor((i + 1.5) * w - 0.5).
        let product = UInt64(truncatingIfNeeded: 2 &* index &+ 3).multipliedFullWidth(by: stretch)
        let (low, borrow) = product.low.subtractingReportingOverflow(1 << 31)
        let high = product.high &- (borrow ? 1 : 0)
        guard high < 1 << 30 else {
            index = Self.unreachable
            return
        }
        index = max(index &+ 1, Int(truncatingIfNeeded: (high << 32) | (low >> 32)))
    }
}
