import IBLT
import OVSDB
import Testing
@testable import Digest
import BenchmarkSupport

/// The Merkle commitment over a view's keys: the same root for the same set whatever
/// the order of updates, a different root for any other set, and the root the
/// independent Python reference (`Reference/commitment.py`) computes.
@Suite struct KeyCommitmentTests {
    private static func randomKey(using generator: inout SplitMix64) -> Key128 {
        Key128(low: generator.next(), high: generator.next())
    }

    private static func entries(_ count: Int, using generator: inout SplitMix64) -> [KeyCommitment.Entry] {
        (0..<count).map { _ in
            KeyCommitment.Entry(key: randomKey(using: &generator), uuid: OVSDBUUID.random(using: &generator))
        }
    }

    @Test func rootMatchesTheReferenceImplementation() throws {
        var generator = SplitMix64(seed: 1)
        for count in [0, 1, 5, 3000] {
            var commitment = KeyCommitment(entries: Self.entries(count, using: &generator))
            let expected = try ReferenceCommitment.root(Array(commitment.entries.map(\.key)))
            let actual = commitment.root.description
            #expect(actual == expected, "\(count) keys")
        }
    }

    @Test func randomUpdatesGiveTheRootOfTheFinalSet() {
        var generator = SplitMix64(seed: 2)
        var commitment = KeyCommitment()
        var model: [Key128: OVSDBUUID] = [:]
        var pool = Self.entries(600, using: &generator)
        for step in 0..<3000 {
            if Bool.random(using: &generator), let entry = pool.randomElement(using: &generator) {
                let inserted = commitment.insert(entry)
                #expect(inserted == (model[entry.key] == nil))
                model[entry.key] = model[entry.key] ?? entry.uuid
            } else if let key = model.keys.randomElement(using: &generator) {
                let removed = commitment.remove(key)
                #expect(removed)
                model[key] = nil
            }
            if step % 500 == 0 {
                pool += Self.entries(50, using: &generator)
                var rebuilt = KeyCommitment(entries: model.map { KeyCommitment.Entry(key: $0.key, uuid: $0.value) })
                let (expected, actual) = (rebuilt.root, commitment.root)
                #expect(actual == expected)
            }
        }
        var rebuilt = KeyCommitment(entries: model.map { KeyCommitment.Entry(key: $0.key, uuid: $0.value) }.shuffled(using: &generator))
        let (expected, actual) = (rebuilt.root, commitment.root)
        #expect(commitment.count == model.count)
        #expect(actual == expected)
        for (key, uuid) in model { #expect(commitment.uuid(forKey: key) == uuid) }
    }

    @Test func anyOtherSetGivesAnotherRoot() {
        var generator = SplitMix64(seed: 3)
        let base = Self.entries(2000, using: &generator)
        var original = KeyCommitment(entries: base)
        let root = original.root
        var roots: Set<SHA256Digest> = [root]
        for _ in 0..<50 {
            var changed = original
            let victim = base.randomElement(using: &generator) ?? base[0]
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: changed.remove(victim.key)
            case 1: changed.insert(KeyCommitment.Entry(key: Self.randomKey(using: &generator), uuid: victim.uuid))
            default:
                changed.remove(victim.key)
                var neighbour = victim.key
                neighbour.high ^= 1 << 63
                changed.insert(KeyCommitment.Entry(key: neighbour, uuid: victim.uuid))
            }
            let changedRoot = changed.root
            #expect(roots.insert(changedRoot).inserted)
        }
        let again = original.root
        #expect(again == root)
    }

    @Test func entriesAreInBytewiseKeyOrderAndMapBackToTheirRows() {
        var generator = SplitMix64(seed: 4)
        let entries = Self.entries(5000, using: &generator)
        let commitment = KeyCommitment(entries: entries)
        let ordered = commitment.entries.map { $0.key.bytes }
        #expect(ordered == entries.map { $0.key.bytes }.sorted { $0.lexicographicallyPrecedes($1) })
        for entry in entries.prefix(100) {
            #expect(commitment.uuid(forKey: entry.key) == entry.uuid)
        }
        #expect(commitment.uuid(forKey: Self.randomKey(using: &generator)) == nil)
    }

    @Test func readingAnUnchangedRootAgainGivesTheSameValueAndCopiesAreIndependent() {
        var generator = SplitMix64(seed: 5)
        var commitment = KeyCommitment(entries: Self.entries(100, using: &generator))
        let root = commitment.root
        var copy = commitment
        copy.insert(KeyCommitment.Entry(key: Self.randomKey(using: &generator), uuid: .zero))
        let copyRoot = copy.root
        let again = commitment.root
        #expect(copyRoot != root)
        #expect(again == root)
    }
}
