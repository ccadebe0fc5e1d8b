/// One value of an atomic type (RFC 7047 section 5.1, `<atom>`; OVS's
/// `union ovsdb_atom`).
///
/// Atoms order as OVS's `ovsdb_atom_compare_3way()` orders them: numbers numerically,
/// `false` before `true`, strings by their UTF-8 bytes like `strcmp()` (not by Swift's
/// `String` ordering), UUIDs as ``OVSDBUUID`` does. Atoms of different types, which OVS
/// never compares, order by type. Equality and hashing agree with that order.
public enum Atom: Sendable {
    /// An integer.
    case integer(Int64)
    /// A real.
    case real(Double)
    /// A Boolean.
    case boolean(Bool)
    /// A string.
    case string(String)
    /// A UUID.
    case uuid(OVSDBUUID)

    /// The atom's type.
    public var type: AtomicType {
        switch self {
        case .integer: return .integer
        case .real: return .real
        case .boolean: return .boolean
        case .string: return .string
        case .uuid: return .uuid
        }
    }

    /// The default atom of `type` (RFC 7047 section 5.1): 0, 0.0, false, "", or the
    /// all-zero UUID.
    public static func defaultValue(of type: AtomicType) -> Atom {
        switch type {
        case .integer: return .integer(0)
        case .real: return .real(0)
        case .boolean: return .boolean(false)
        case .string: return .string("")
        case .uuid: return .uuid(.zero)
        }
    }

    /// True if this is the default atom of its type.
    public var isDefault: Bool {
        switch self {
        case .integer(let value): return value == 0
        case .real(let value): return value == 0
        case .boolean(let value): return !value
        case .string(let value): return value.isEmpty
        case .uuid(let value): return value == .zero
        }
    }

    /// Three-way comparison: negative, zero or positive as `a` sorts before, equal to, or
    /// after `b` (OVS's `ovsdb_atom_compare_3way()`).
    public static func compare(_ a: Atom, _ b: Atom) -> Int {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.real(let x), .real(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.boolean(let x), .boolean(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.string(let x), .string(let y)): return UTF8Bytes.compare(x, y)
        case (.uuid(let x), .uuid(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        default: return a.type < b.type ? -1 : 1
        }
    }
}

extension Atom: Comparable {
    /// OVS's atom order (see the type's documentation).
    public static func < (lhs: Atom, rhs: Atom) -> Bool { compare(lhs, rhs) < 0 }

    /// Equal under OVS's atom order (strings by bytes; for reals, `0 == -0`).
    public static func == (lhs: Atom, rhs: Atom) -> Bool { compare(lhs, rhs) == 0 }
}

extension Atom: Hashable {
    /// Hashes consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .integer(let value): hasher.combine(value)
        case .real(let value): hasher.combine(value)
        case .boolean(let value): hasher.combine(value)
        case .string(let value): UTF8Bytes.hash(value, into: &hasher)
        case .uuid(let value): hasher.combine(value)
        }
    }
}

extension Atom: CustomStringConvertible {
    /// The atom as OVS's `ovsdb_atom_to_string()` writes it (as in `ovs-vsctl` and in
    /// OVS's constraint messages): numbers plainly (reals with `%.15g`), UUIDs bare, and
    /// strings bare when they look like an identifier, otherwise quoted as JSON.
    public var description: String {
        switch self {
        case .integer(let value): return String(value)
        case .real(let value): return JSONSerializer.formatReal(value)
        case .boolean(let value): return value ? "true" : "false"
        case .uuid(let value): return value.description
        case .string(let value):
            return Self.needsQuotes(value) ? JSON.string(value).description : value
        }
    }

    /// OVS's `string_needs_quotes()`.
    private static func needsQuotes(_ string: String) -> Bool {
        var bytes = string.utf8.makeIterator()
        func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        guard let first = bytes.next(), isAlpha(first) || first == UInt8(ascii: "_") else {
            return true
        }
        while let byte = bytes.next() {
            let allowed = isAlpha(byte) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            if !allowed { return true }
        }
        return string == "true" || string == "false" || OVSDBUUID(string) != nil
    }
}
