@testable import IBLT
import BenchmarkSupport

/// A seeded generator for reproducible random keys in tests.
struct TestRandom {
    private var words: SplitMix64

    init(seed: UInt64) {
        words = SplitMix64(seed: seed)
    }

    mutating func next() -> UInt64 {
        words.next()
    }

    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    mutating func key() -> Key128 {
        Key128(low: next(), high: next())
    }

    mutating func keys(_ count: Int) -> [Key128] {
        (0..<count).map { _ in key() }
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }
}

/// Two random sets and their difference computed with Swift's `Set`: the reference model
/// the property tests compare every decoder against.
struct ReferenceSets {
    let left: [Key128]
    let right: [Key128]

    init(common: Int, leftOnly: Int, rightOnly: Int, random: inout TestRandom) {
        let shared = random.keys(common)
        left = shared + random.keys(leftOnly)
        right = shared + random.keys(rightOnly)
    }

    var leftOnly: Set<Key128> { Set(left).subtracting(right) }
    var rightOnly: Set<Key128> { Set(right).subtracting(left) }
    var difference: Int { leftOnly.count + rightOnly.count }
}
