import Testing
@testable import OVSDB
import BenchmarkSupport

/// Set and map operations against a reference model: sets as `Set<Atom>`, maps as
/// `[Atom: Atom]`, with the semantics RFC 7047 and OVS give them.
@Suite struct DatumAlgebraTests {
    private typealias Model = [Atom: Atom?]

    private func model(_ datum: Datum) -> Model {
        var model: Model = [:]
        for index in 0..<datum.count {
            // updateValue, because assigning a nil `Atom?` through the subscript removes the key.
            model.updateValue(datum.values?[index], forKey: datum.keys[index])
        }
        return model
    }

    private func datum(_ model: Model, isMap: Bool) throws -> Datum {
        isMap ? try Datum(map: model.map { (key: $0.key, value: $0.value ?? .integer(0)) })
              : try Datum(set: Array(model.keys))
    }

    private func randomPair(isMap: Bool, using generator: inout SplitMix64) -> (Datum, Datum) {
        let type = isMap ? ColumnType(key: BaseType(.string), value: BaseType(.integer), min: 0, max: ColumnType.unlimited)
                         : ColumnType(key: BaseType(.string), min: 0, max: ColumnType.unlimited)
        return (KindsSchema.datum(type, using: &generator), KindsSchema.datum(type, using: &generator))
    }

    /// True if `model` holds `key` (with `value`, when both are maps).
    private func holds(_ model: Model, _ key: Atom, _ value: Atom?) -> Bool {
        guard let stored = model[key] else { return false }
        guard let value, let stored else { return true }
        return stored == value
    }

    @Test(arguments: [false, true])
    func unionAddsOnlyMissingKeys(isMap: Bool) throws {
        var generator = SplitMix64(seed: 21)
        for _ in 0..<500 {
            let (a, b) = randomPair(isMap: isMap, using: &generator)
            var expected = model(a)
            for (key, value) in model(b) where expected[key] == nil { expected.updateValue(value, forKey: key) }
            #expect(try a.union(b) == datum(expected, isMap: isMap))
        }
    }

    @Test(arguments: [false, true])
    func subtractingRemovesMatchingElements(isMap: Bool) throws {
        var generator = SplitMix64(seed: 22)
        for _ in 0..<500 {
            let (a, b) = randomPair(isMap: isMap, using: &generator)
            let removed = model(b)
            let expected = model(a).filter { key, value in !holds(removed, key, value) }
            #expect(try a.subtracting(b) == datum(expected, isMap: isMap))
            let keysOnly = Datum(uniquing: Array(b.keys))
            #expect(try a.subtracting(keysOnly) == datum(model(a).filter { removed[$0.key] == nil }, isMap: isMap))
        }
    }

    @Test(arguments: [false, true])
    func subsetAndDisjointCompareElements(isMap: Bool) {
        var generator = SplitMix64(seed: 23)
        for _ in 0..<500 {
            let (a, b) = randomPair(isMap: isMap, using: &generator)
            let modelB = model(b)
            #expect(a.isSubset(of: b) == model(a).allSatisfy { holds(modelB, $0.key, $0.value) })
            #expect(a.isDisjoint(with: b) == !model(a).contains { holds(modelB, $0.key, $0.value) })
            #expect(a.isSubset(of: a.union(b)))
            #expect(a.subtracting(b).isDisjoint(with: b))
        }
    }

    @Test(arguments: [false, true])
    func diffsReproduceTheNewValue(isMap: Bool) throws {
        var generator = SplitMix64(seed: 24)
        let type = ColumnType(key: BaseType(.string), value: isMap ? BaseType(.integer) : nil, min: 0, max: ColumnType.unlimited)
        for _ in 0..<500 {
            let (old, new) = randomPair(isMap: isMap, using: &generator)
            let diff = old.diff(to: new, type: type)
            #expect(try old.applying(diff: diff, type: type) == new)
            let oldModel = model(old)
            let newModel = model(new)
            // The diff holds exactly the keys whose presence or value changed.
            let changed = Set(oldModel.keys).union(newModel.keys).filter { oldModel[$0] != newModel[$0] }
            #expect(Set(diff.keys) == changed)
            let (added, removed) = old.addedAndRemoved(to: new, type: type)
            #expect(old.subtracting(removed).union(added) == new)
            #expect(removed.isSubset(of: old) && added.isSubset(of: new))
        }
    }

    @Test func nonCompositeDiffsAreTheNewValue() throws {
        let type = ColumnType.optional(.integer)
        let old = Datum(.integer(1))
        #expect(old.diff(to: .empty, type: type) == .empty)
        #expect(try old.applying(diff: Datum(.integer(2)), type: type) == Datum(.integer(2)))
        #expect(old.addedAndRemoved(to: Datum(.integer(1)), type: type) == (Datum(.integer(1)), Datum(.integer(1))))
    }

    @Test func diffsThatBreakTheSizeBoundsAreRejectedAsOVSDoes() throws {
        let type = ColumnType(key: BaseType(.string), min: 1, max: 2)
        let value = try Datum(set: [.string("a"), .string("b")])
        #expect(throws: OVSDBError(.ovsdbError, "Datum crated by diff has size error")) {
            try value.applying(diff: try Datum(set: [.string("a"), .string("b")]), type: type)
        }
        #expect(throws: OVSDBError(.ovsdbError, "Datum crated by diff has size error")) {
            try value.applying(diff: Datum(.string("c")), type: type)
        }
    }
}
