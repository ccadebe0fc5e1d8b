/// The seeded hashes every structure of this module derives from a key.
///
/// A structure has one seed (chosen per exchange, see ../shared/DESIGN.md). The checksum
/// that fills `hashSum` is the 64-bit XXH3 of the key under that seed; the hash that
/// places a key in cells or coded symbols is the XXH3 under a seed derived from it, so the
/// two are independent. Swift's `Hasher` is never used: it is seeded per process.
enum KeyHashing {
    /// Mixed into the structure's seed to obtain the seed of the mapping hash.
    static let mappingSeedSalt: UInt64 = 0x6d61_7070_696e_6773  // "mappings"

    /// The checksum of `key` accumulated in `hashSum` (Eppstein et al. 2011, section 2).
    @inline(__always)
    static func checksum(_ key: Key128, seed: UInt64) -> UInt64 {
        key.hash(seed: seed)
    }

    /// The hash from which a key's cells or coded-symbol indices are derived.
    @inline(__always)
    static func mappingHash(_ key: Key128, seed: UInt64) -> UInt64 {
        key.hash(seed: seed ^ mappingSeedSalt)
    }

    /// The splitmix64 finaliser: a bijective 64-bit mixer, used to stretch one hash into
    /// several independent-looking words and to step per-key generators.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// The golden-ratio increment of splitmix64.
    static let golden: UInt64 = 0x9e37_79b9_7f4a_7c15
}
