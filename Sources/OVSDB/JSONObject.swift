/// The members of a JSON object, in insertion order, with fast lookup by name.
///
/// OVS stores objects in a hash map (`struct shash`) and writes them in hash order;
/// DigestSync keeps the order in which members were inserted (or parsed) so that output
/// is deterministic across processes. Keys compare by their UTF-8 bytes, as in OVS.
///
/// Setting a key that is already present replaces its value in place (keeping its
/// position); the parser does the same for a repeated member, so the last value wins,
/// as with OVS's `json_object_put()`. Small objects are searched linearly; from
/// ``JSONObject/indexThreshold`` members on, a hash index keyed by a per-process seeded
/// hash of the key bytes makes lookup O(1).
public struct JSONObject: Sendable {
    /// One member: its name and value.
    public typealias Element = (key: String, value: JSON)

    /// Member count from which lookups go through a hash index instead of a scan.
    public static let indexThreshold = 9

    private var members: [(String, JSON)]
    /// Open-addressing table of member positions (-1 = empty slot); empty while the
    /// object has fewer than `indexThreshold` members.
    private var slots: [Int32]

    /// An empty object.
    public init() {
        members = []
        slots = []
    }

    /// An object with `elements` in order; a repeated key keeps its first position and
    /// its last value.
    public init(_ elements: some Sequence<(String, JSON)>) {
        self.init()
        for (key, value) in elements {
            updateValue(value, forKey: key)
        }
    }

    /// An object from members as the parser collected them; a repeated name keeps its
    /// first position and its last value (duplicates are rare, so they are detected
    /// first and only then resolved).
    init(parsedMembers: [(String, JSON)]) {
        var object = JSONObject()
        object.members = parsedMembers
        let unique = parsedMembers.count >= Self.indexThreshold ? object.buildIndex() : !object.hasRepeatedKeys()
        self = unique ? object : JSONObject(parsedMembers)
    }

    /// The names of the members, in order.
    public var keys: [String] { members.map(\.0) }

    /// The values of the members, in order.
    public var values: [JSON] { members.map(\.1) }

    /// The position of the member named `key`, if any.
    public func index(forKey key: String) -> Int? {
        if slots.isEmpty {
            return members.firstIndex { UTF8Bytes.equal($0.0, key) }
        }
        let mask = slots.count - 1
        var slot = Self.hashValue(of: key) & mask
        while true {
            let position = Int(slots[slot])
            if position < 0 { return nil }
            if UTF8Bytes.equal(members[position].0, key) { return position }
            slot = (slot + 1) & mask
        }
    }

    /// The value of the member named `key`; setting nil removes the member.
    public subscript(key: String) -> JSON? {
        get {
            index(forKey: key).map { members[$0].1 }
        }
        set {
            if let newValue {
                updateValue(newValue, forKey: key)
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Sets the member named `key` (in place if present, appended otherwise) and returns
    /// its previous value.
    @discardableResult
    public mutating func updateValue(_ value: JSON, forKey key: String) -> JSON? {
        if let position = index(forKey: key) {
            let old = members[position].1
            members[position].1 = value
            return old
        }
        appendUnchecked(value, forKey: key)
        return nil
    }

    /// Appends a member the caller knows is not present yet, skipping the lookup
    /// (used when building rows, whose column names are distinct by construction).
    mutating func appendUnchecked(_ value: JSON, forKey key: String) {
        members.append((key, value))
        if !slots.isEmpty, members.count * 2 <= slots.count {
            insertSlot(for: members.count - 1)
        } else if members.count >= Self.indexThreshold {
            buildIndex()
        }
    }

    /// Removes the member named `key` and returns its value (O(n): later members move).
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSON? {
        guard let position = index(forKey: key) else { return nil }
        let old = members.remove(at: position).1
        if members.count >= Self.indexThreshold {
            buildIndex()
        } else {
            slots = []
        }
        return old
    }

    /// The members sorted by name in bytewise order, as OVS writes objects with
    /// `JSSF_SORT` (used for the "syntax" of OVSDB errors and for canonical output).
    public func sortedByKey() -> [Element] {
        members.sorted { UTF8Bytes.compare($0.0, $1.0) < 0 }.map { (key: $0.0, value: $0.1) }
    }

    private func hasRepeatedKeys() -> Bool {
        for later in members.indices.dropFirst() {
            for earlier in 0..<later where UTF8Bytes.equal(members[earlier].0, members[later].0) {
                return true
            }
        }
        return false
    }

    private static func hashValue(of key: String) -> Int {
        var hasher = Hasher()
        UTF8Bytes.hash(key, into: &hasher)
        return hasher.finalize()
    }

    /// Indexes every member; returns false (and leaves no index) if two members have
    /// the same name.
    @discardableResult
    private mutating func buildIndex() -> Bool {
        var capacity = 16
        while capacity < members.count * 4 { capacity *= 2 }
        slots = Array(repeating: -1, count: capacity)
        for position in members.indices where !insertSlot(for: position) {
            slots = []
            return false
        }
        return true
    }

    /// Indexes the member at `position`; returns false if an indexed member has the
    /// same name.
    @discardableResult
    private mutating func insertSlot(for position: Int) -> Bool {
        let mask = slots.count - 1
        let key = members[position].0
        var slot = Self.hashValue(of: key) & mask
        while slots[slot] >= 0 {
            if UTF8Bytes.equal(members[Int(slots[slot])].0, key) { return false }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(truncatingIfNeeded: position)
        return true
    }
}

extension JSONObject: RandomAccessCollection {
    /// The position of the first member.
    public var startIndex: Int { 0 }
    /// One past the position of the last member.
    public var endIndex: Int { members.count }
    /// The member at `position`.
    public subscript(position: Int) -> Element { (key: members[position].0, value: members[position].1) }
}

extension JSONObject: Equatable {
    /// Equal when both have the same names with equal values, in any order (OVS's
    /// `json_equal_object()`).
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in lhs.members {
            guard let other = rhs[key], other == value else { return false }
        }
        return true
    }
}

extension JSONObject: Hashable {
    /// Hashes independently of member order, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for (key, value) in members {
            var memberHasher = Hasher()
            UTF8Bytes.hash(key, into: &memberHasher)
            memberHasher.combine(value)
            combined = combined &+ memberHasher.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(combined)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// An object with the members in the order written.
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self.init(elements)
    }
}
