/// The value of one column of one row: a set of atoms, or a map from atoms to atoms
/// (RFC 7047 section 5.1, `<value>`; OVS's `struct ovsdb_datum`).
///
/// As in OVS, keys are always sorted in ``Atom`` order and unique, and a map's values
/// run parallel to its keys. A scalar column holds a set of exactly one atom; an
/// optional one a set of zero or one. An empty datum has no kind: it is the empty set
/// and the empty map at once, and its column type says how to write it.
///
/// Storage is contiguous arrays, and the common one-atom set is held inline without an
/// array, so a row of scalar columns costs no allocation per column. Copies are cheap
/// (copy-on-write).
public struct Datum: Sendable {
    enum Storage: Sendable {
        /// A set of exactly one atom.
        case scalar(Atom)
        /// A set of zero or at least two atoms.
        case set([Atom])
        /// A map of at least one pair; `values` runs parallel to `keys`.
        case map(keys: [Atom], values: [Atom])
    }

    var storage: Storage

    /// A datum from keys already sorted and unique (and values parallel to them).
    init(sortedKeys keys: [Atom], values: [Atom]?) {
        if let values, !keys.isEmpty {
            storage = .map(keys: keys, values: values)
        } else if keys.count == 1 {
            storage = .scalar(keys[0])
        } else {
            storage = .set(keys)
        }
    }

    /// The empty set (equally the empty map).
    public static let empty = Datum(sortedKeys: [], values: nil)

    /// The set holding just `atom`: the value of a scalar column.
    public init(_ atom: Atom) {
        storage = .scalar(atom)
    }

    /// The set of `atoms`, sorted; throws OVS's "set contains duplicate" error (tag
    /// "ovsdb error") if two are equal.
    public init(set atoms: [Atom]) throws(OVSDBError) {
        self.init(sortedKeys: try Datum.sortedUnique(atoms), values: nil)
    }

    /// The map of `pairs`, sorted by key; throws OVS's "map contains duplicate key"
    /// error if two keys are equal.
    public init(map pairs: [(key: Atom, value: Atom)]) throws(OVSDBError) {
        let sorted = pairs.count < 2 || Datum.isStrictlySorted(pairs.lazy.map(\.key))
            ? pairs : pairs.sorted { Atom.compare($0.key, $1.key) < 0 }
        if !Datum.isStrictlySorted(sorted.lazy.map(\.key)) {
            throw OVSDBError(.ovsdbError, "map contains duplicate key")
        }
        self.init(sortedKeys: sorted.map(\.key), values: sorted.map(\.value))
    }

    /// The set of `atoms` with duplicates dropped (OVS's `ovsdb_datum_sort_unique()`).
    public init(uniquing atoms: [Atom]) {
        var keys = atoms.sorted()
        keys.removeDuplicatesFromSorted()
        self.init(sortedKeys: keys, values: nil)
    }

    /// The map of `pairs` with duplicate keys dropped, keeping the smallest value of
    /// each key, as OVS's `ovsdb_datum_sort_unique()` does.
    public init(uniquing pairs: [(key: Atom, value: Atom)]) {
        let sorted = pairs.sorted {
            let order = Atom.compare($0.key, $1.key)
            return order != 0 ? order < 0 : Atom.compare($0.value, $1.value) < 0
        }
        var keys: [Atom] = []
        var values: [Atom] = []
        for pair in sorted where keys.last.map({ Atom.compare($0, pair.key) != 0 }) ?? true {
            keys.append(pair.key)
            values.append(pair.value)
        }
        self.init(sortedKeys: keys, values: values)
    }

    /// The default value of a column of `type` (RFC 7047 section 5.1; OVS's
    /// `ovsdb_datum_init_default()`): empty when `type.min` is 0, otherwise one default
    /// atom (paired with a default value for a map).
    public static func defaultValue(for type: ColumnType) -> Datum {
        guard type.min > 0 else { return .empty }
        let key = Atom.defaultValue(of: type.key.type)
        if let value = type.value {
            return Datum(sortedKeys: [key], values: [Atom.defaultValue(of: value.type)])
        }
        return Datum(key)
    }

    /// True if this is the default value of a column of `type` (OVS's
    /// `ovsdb_datum_is_default()`); update2 `initial` and `insert` omit such columns.
    public func isDefault(for type: ColumnType) -> Bool {
        isDefault(minimumCount: type.min)
    }

    /// ``isDefault(for:)`` for a type whose `min` is `minimumCount`.
    func isDefault(minimumCount: Int) -> Bool {
        guard count == minimumCount else { return false }
        switch storage {
        case .scalar(let atom): return atom.isDefault
        case .set(let keys): return keys.allSatisfy(\.isDefault)
        case .map(let keys, let values): return keys.allSatisfy(\.isDefault) && values.allSatisfy(\.isDefault)
        }
    }

    /// The keys and, for a map, the values, as arrays (allocating only for a one-atom
    /// set).
    var arrays: (keys: [Atom], values: [Atom]?) {
        switch storage {
        case .scalar(let atom): return ([atom], nil)
        case .set(let keys): return (keys, nil)
        case .map(let keys, let values): return (keys, values)
        }
    }

    /// Number of atoms (set) or pairs (map).
    public var count: Int {
        switch storage {
        case .scalar: return 1
        case .set(let keys): return keys.count
        case .map(let keys, _): return keys.count
        }
    }

    /// True for the empty datum.
    public var isEmpty: Bool { count == 0 }

    /// True if this datum holds pairs (an empty datum is not a map).
    public var isMap: Bool {
        if case .map = storage { return true }
        return false
    }

    /// The keys (a set's atoms), in order.
    public var keys: Keys { Keys(storage: storage) }

    /// A map's values, parallel to ``keys``; nil for a set.
    public var values: [Atom]? {
        if case .map(_, let values) = storage { return values }
        return nil
    }

    /// The first key: for a scalar column, its value.
    public var first: Atom? { isEmpty ? nil : keys[0] }

    /// The pair (or, for a set, the atom with a nil value) at `index`.
    public subscript(index: Int) -> (key: Atom, value: Atom?) {
        (keys[index], values?[index])
    }

    /// The position of `key` among the keys (binary search), if present.
    public func index(ofKey key: Atom) -> Int? {
        let position = keys.insertionPoint(of: key)
        return position.found ? position.index : nil
    }

    /// True if `key` is one of the keys.
    public func contains(_ key: Atom) -> Bool {
        index(ofKey: key) != nil
    }

    /// The value a map associates with `key`.
    public func value(forKey key: Atom) -> Atom? {
        guard let values, let index = index(ofKey: key) else { return nil }
        return values[index]
    }

    /// True if the datum holds `key` with `value` (for a set, `value` must be nil); OVS's
    /// `ovsdb_datum_find_key_value()`.
    public func contains(key: Atom, value: Atom?) -> Bool {
        guard let index = index(ofKey: key) else { return false }
        guard let value else { return true }
        return values.map { $0[index] == value } ?? false
    }

    /// True if keys are strictly increasing (sorted and unique).
    static func isStrictlySorted(_ keys: some Collection<Atom>) -> Bool {
        var previous: Atom?
        for key in keys {
            if let previous, Atom.compare(previous, key) >= 0 { return false }
            previous = key
        }
        return true
    }

    /// `atoms` sorted, or OVS's duplicate error.
    static func sortedUnique(_ atoms: [Atom]) throws(OVSDBError) -> [Atom] {
        if atoms.count < 2 || isStrictlySorted(atoms) { return atoms }
        let sorted = atoms.sorted()
        if !isStrictlySorted(sorted) {
            throw OVSDBError(.ovsdbError, "set contains duplicate")
        }
        return sorted
    }
}

extension Datum {
    /// The keys of a datum, in order: a random-access view that needs no allocation for
    /// a one-atom set.
    public struct Keys: RandomAccessCollection, Sendable {
        let storage: Storage

        /// Always 0.
        public var startIndex: Int { 0 }

        /// The number of keys.
        public var endIndex: Int {
            switch storage {
            case .scalar: return 1
            case .set(let keys): return keys.count
            case .map(let keys, _): return keys.count
            }
        }

        /// The key at `position`.
        public subscript(position: Int) -> Atom {
            switch storage {
            case .scalar(let atom): return atom
            case .set(let keys): return keys[position]
            case .map(let keys, _): return keys[position]
            }
        }

        /// Where `key` is, or where it would be inserted to keep the keys sorted.
        func insertionPoint(of key: Atom) -> (index: Int, found: Bool) {
            var low = 0
            var high = count
            while low < high {
                let middle = (low + high) / 2
                let order = Atom.compare(key, self[middle])
                if order == 0 { return (middle, true) }
                if order < 0 { high = middle } else { low = middle + 1 }
            }
            return (low, false)
        }
    }
}

extension Datum: Comparable {
    /// OVS's `ovsdb_datum_compare_3way()`: by count, then keys, then values (a set
    /// before a map of the same keys).
    public static func compare(_ a: Datum, _ b: Datum) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        let keyOrder = compareAtoms(a.keys, b.keys)
        if keyOrder != 0 { return keyOrder }
        switch (a.values, b.values) {
        case (let x?, let y?): return compareAtoms(x, y)
        case (nil, .some): return -1
        case (.some, nil): return 1
        case (nil, nil): return 0
        }
    }

    private static func compareAtoms(_ a: some RandomAccessCollection<Atom>, _ b: some RandomAccessCollection<Atom>) -> Int {
        for (x, y) in zip(a, b) {
            let order = Atom.compare(x, y)
            if order != 0 { return order }
        }
        return 0
    }

    /// OVS's datum order.
    public static func < (lhs: Datum, rhs: Datum) -> Bool { compare(lhs, rhs) < 0 }

    /// Same atoms (and values) under OVS's atom equality.
    public static func == (lhs: Datum, rhs: Datum) -> Bool { compare(lhs, rhs) == 0 }
}

extension Datum: Hashable {
    /// Hashes consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for key in keys { hasher.combine(key) }
        if let values {
            for value in values { hasher.combine(value) }
        }
    }
}

extension Array where Element == Atom {
    /// Removes adjacent equal atoms from a sorted array.
    mutating func removeDuplicatesFromSorted() {
        guard count > 1 else { return }
        var kept = 1
        for index in 1..<count where Atom.compare(self[index], self[kept - 1]) != 0 {
            self[kept] = self[index]
            kept += 1
        }
        removeLast(count - kept)
    }
}
