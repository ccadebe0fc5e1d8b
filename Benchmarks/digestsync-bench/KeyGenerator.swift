import IBLT
import BenchmarkSupport

/// The experiments' seeded key source, so every run of a command with the same arguments
/// measures the same inputs.
struct KeyGenerator {
    private var words: SplitMix64

    init(seed: UInt64) {
        words = SplitMix64(seed: seed)
    }

    mutating func next() -> UInt64 {
        words.next()
    }

    /// `count` random keys (distinct with overwhelming probability).
    mutating func keys(_ count: Int) -> [Key128] {
        (0..<count).map { _ in Key128(low: next(), high: next()) }
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
