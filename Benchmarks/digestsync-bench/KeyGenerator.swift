import IBLT

/// A seeded splitmix64 generator of random keys and seeds for the experiments, so every
/// run of a command with the same arguments measures the same inputs.
struct KeyGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    mutating func nextKey() -> Key128 {
        Key128(low: next(), high: next())
    }

    /// `count` random keys (distinct with overwhelming probability: 128 random bits each).
    mutating func keys(_ count: Int) -> [Key128] {
        (0..<count).map { _ in nextKey() }
    }

    /// A generator for one trial of one experiment point, independent of the others.
    static func forTrial(_ trial: Int, point: [Int], experiment: UInt64) -> KeyGenerator {
        var mixer = KeyGenerator(seed: experiment)
        var seed = mixer.next()
        for value in point + [trial] {
            mixer = KeyGenerator(seed: seed ^ UInt64(truncatingIfNeeded: value))
            seed = mixer.next()
        }
        return KeyGenerator(seed: seed)
    }
}

/// Two sets for one trial: `left` and `right` share `common` and differ in `leftOnly`
/// and `rightOnly` (half of the difference each, the odd key on the left).
struct DifferingSets {
    let common: [Key128]
    let leftOnly: [Key128]
    let rightOnly: [Key128]

    init(common: Int, difference: Int, generator: inout KeyGenerator) {
        self.common = generator.keys(common)
        self.leftOnly = generator.keys(difference - difference / 2)
        self.rightOnly = generator.keys(difference / 2)
    }

    var left: [Key128] { common + leftOnly }
    var right: [Key128] { common + rightOnly }

    /// True when a decoder's lists are the two sides of the difference. Compares
    /// multiset fingerprints (count, XOR of the keys, wrapping sum of a seeded XXH3 of each
    /// key) rather than sorting: O(d) per trial, and two different lists agree only with
    /// probability about 2^-64.
    func matches(leftOnly decodedLeft: [Key128], rightOnly decodedRight: [Key128]) -> Bool {
        Self.fingerprint(decodedLeft) == Self.fingerprint(leftOnly)
            && Self.fingerprint(decodedRight) == Self.fingerprint(rightOnly)
    }

    private static func fingerprint(_ keys: [Key128]) -> [UInt64] {
        var xor = Key128.zero
        var sum: UInt64 = 0
        for key in keys {
            xor ^= key
            sum &+= key.hash(seed: 0x5eed_f00d)
        }
        return [UInt64(keys.count), xor.low, xor.high, sum]
    }
}
