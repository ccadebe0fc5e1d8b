/// Set and map operations on datums, as OVS implements them in `lib/ovsdb-data.c`; the
/// building blocks of the `includes`/`excludes` condition functions, of the `insert`
/// and `delete` mutators, and of update2 and `_is_diff` log diffs.
///
/// All run in one merge pass over the sorted keys. An element of a set matches an
/// element of another datum when the keys are equal; an element of a map also needs an
/// equal value when the other datum is a map too.
extension Datum {
    /// This datum with the elements of `other` whose keys it lacks (OVS's
    /// `ovsdb_datum_union()`: on a common key a map keeps its own value). Both must be
    /// sets, or both maps, unless one is empty.
    public func union(_ other: Datum) -> Datum {
        precondition(isEmpty || other.isEmpty || isMap == other.isMap, "union of a set and a map")
        var result = Builder(isMap: isMap || other.isMap, capacity: count + other.count)
        merge(with: other,
              onlyHere: { result.append(self, $0) },
              onlyThere: { result.append(other, $0) },
              inBoth: { mine, _ in result.append(self, mine) })
        return result.datum
    }

    /// This datum without the elements that match one of `other` (OVS's
    /// `ovsdb_datum_subtract()`): a set `other` removes keys, a map `other` removes
    /// pairs whose key and value both match.
    public func subtracting(_ other: Datum) -> Datum {
        var result = Builder(isMap: isMap, capacity: count)
        var theirs = 0
        for mine in 0..<count {
            while theirs < other.count && Atom.compare(other.keys[theirs], keys[mine]) < 0 {
                theirs += 1
            }
            let removed = theirs < other.count && other.keys[theirs] == keys[mine]
                && !other.valuesDiffer(theirs, self, mine)
            if !removed { result.append(self, mine) }
        }
        return result.datum
    }

    /// True if every element of this datum is in `other` (OVS's
    /// `ovsdb_datum_includes_all(self, other)`).
    public func isSubset(of other: Datum) -> Bool {
        guard count <= other.count else { return false }
        return (0..<count).allSatisfy { index in
            other.index(ofKey: keys[index]).map { !valuesDiffer(index, other, $0) } ?? false
        }
    }

    /// True if no element of this datum is in `other` (OVS's
    /// `ovsdb_datum_excludes_all(self, other)`).
    public func isDisjoint(with other: Datum) -> Bool {
        (0..<count).allSatisfy { index in
            !(other.index(ofKey: keys[index]).map { !valuesDiffer(index, other, $0) } ?? false)
        }
    }

    /// True if both datums are maps and their values at these indexes differ (for
    /// elements whose keys are equal: then they do not match).
    func valuesDiffer(_ index: Int, _ other: Datum, _ otherIndex: Int) -> Bool {
        guard let values, let otherValues = other.values else { return false }
        return values[index] != otherValues[otherIndex]
    }

    /// Walks the keys of this datum and of `other` together in order, calling
    /// `onlyHere` with the index of each key only this datum has, `onlyThere` with the
    /// index of each key only `other` has, and `inBoth` with both indexes of a common
    /// key. The one merge pass behind union, diffs and added/removed sets.
    func merge(with other: Datum, onlyHere: (Int) -> Void, onlyThere: (Int) -> Void, inBoth: (Int, Int) -> Void) {
        var mine = 0
        var theirs = 0
        while mine < count || theirs < other.count {
            let order = mine == count ? 1 : (theirs == other.count ? -1 : Atom.compare(keys[mine], other.keys[theirs]))
            if order < 0 {
                onlyHere(mine)
                mine += 1
            } else if order > 0 {
                onlyThere(theirs)
                theirs += 1
            } else {
                inBoth(mine, theirs)
                mine += 1
                theirs += 1
            }
        }
    }

    /// Accumulates sorted elements for a new datum.
    struct Builder {
        private var keys: [Atom] = []
        private var values: [Atom]?

        init(isMap: Bool, capacity: Int) {
            keys.reserveCapacity(capacity)
            if isMap {
                values = []
                values?.reserveCapacity(capacity)
            }
        }

        /// Appends element `index` of `datum`; keys must arrive in increasing order.
        mutating func append(_ datum: Datum, _ index: Int) {
            keys.append(datum.keys[index])
            if let value = datum.values?[index] {
                values?.append(value)
            }
        }

        var datum: Datum { Datum(sortedKeys: keys, values: values) }
    }
}
