/// The coded-symbol indices one key is added to in the rateless code (Yang, Gilad,
/// Alizadeh, "Practical Rateless Set Reconciliation", SIGCOMM 2024, section 4).
///
/// The paper maps a key to symbol `i` with probability rho(i) = 1 / (1 + i/2): symbol 0
/// holds every key, and a key is in about 2 ln(m) of the first `m` symbols. Rather than
/// testing every index, a key jumps from one of its indices to the next by inverse
/// transform sampling of the gap (the paper's efficient mapping generation): with rho as
/// above, the chance that a key at index `i` skips every index up to `j` is close to
/// ((i + 1.5) / (j + 0.5))^2, so for a uniform `u` in (0, 1] the next index is
/// `floor((i + 1.5) / sqrt(u) - 0.5)`, and at least `i + 1`.
///
/// The uniforms come from a splitmix64 generator seeded by the key's mapping hash, so a
/// key's whole index sequence follows from the key and the seed: an encoder can start a
/// key anywhere by walking it forward, and needs no per-key storage between calls.
/// `1 / sqrt(u)` depends only on the generator, not on `i`, which keeps the dependency
/// chain from one index to the next short. Both sides compute with IEEE-754 doubles,
/// whose division, square root and conversions are exact-rounded, so every platform
/// walks the same indices.
struct RatelessMapping {
    /// An index no key reaches: where a walk parks once the next index would overflow.
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
        let bits = KeyHashing.mix(state) >> 11
        let uniform = Double(bits + 1) * 0x1p-53  // in (0, 1]
        let stretch = 1 / uniform.squareRoot()
        let next = (Double(index) + 1.5) * stretch - 0.5
        guard next < Double(Self.unreachable) else {
            index = Self.unreachable
            return
        }
        index = max(index + 1, Int(next))
    }
}
