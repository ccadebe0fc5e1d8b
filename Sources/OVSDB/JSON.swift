/// A JSON value, as Open vSwitch's `lib/json.c` models it.
///
/// Everything on the OVSDB wire (RFC 7047 section 4: JSON-RPC messages, schemas, rows,
/// conditions, update notifications) and in the standalone log file is made of these.
///
/// - Numbers are split the way OVS splits them: a number that denotes an integer that
///   fits in 64 bits is `.integer`, any other number is `.real`. As in OVS this is
///   decided by the value, not the spelling: `1.0`, `1e2` and `100e-2` parse as
///   integers, and `9223372036854775808` (one past `Int64.max`) as a real.
/// - Object members keep their insertion order (see ``JSONObject``), so output is
///   deterministic.
/// - Equality follows OVS's `json_equal()`: strings compare by their UTF-8 bytes (not by
///   Swift's Unicode canonical equivalence), objects compare as unordered sets of
///   members, and an integer never equals a real.
public enum JSON: Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number that is an integer in the 64-bit signed range.
    case integer(Int64)
    /// Any other number. Must be finite: the parser never produces NaN or infinities,
    /// and the serializer writes a non-finite value as `null`.
    case real(Double)
    /// A string of Unicode scalars (the parser guarantees valid UTF-8 without NUL).
    case string(String)
    /// An array.
    case array([JSON])
    /// An object whose members keep their insertion order.
    case object(JSONObject)
}

extension JSON {
    /// The JSON type name OVS uses in its error messages (`json_type_to_string()`):
    /// "null", "false", "true", "object", "array", "number" or "string".
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .integer, .real: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, if this is an integer.
    public var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The number as a `Double` if this is an integer or a real (OVS's `json_real()`).
    public var numberValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .real(let value): return value
        default: return nil
        }
    }

    /// The Boolean, if this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members, if this is an object.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// True if this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member named `key` if this is an object that has one, otherwise nil.
    public subscript(key: String) -> JSON? {
        objectValue?[key]
    }

    /// The element at `index` if this is an array long enough, otherwise nil.
    public subscript(index: Int) -> JSON? {
        guard case .array(let elements) = self, elements.indices.contains(index) else {
            return nil
        }
        return elements[index]
    }
}

extension JSON: Equatable {
    /// Equality as OVS's `json_equal()` defines it (see the type's documentation).
    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.real(let a), .real(let b)): return a == b
        case (.string(let a), .string(let b)): return UTF8Bytes.equal(a, b)
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)): return a == b
        default: return false
        }
    }
}

extension JSON: Hashable {
    /// Hashes consistently with `==`: strings by bytes, objects independently of order.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null:
            hasher.combine(0 as UInt8)
        case .bool(let value):
            hasher.combine(1 as UInt8)
            hasher.combine(value)
        case .integer(let value):
            hasher.combine(2 as UInt8)
            hasher.combine(value)
        case .real(let value):
            hasher.combine(3 as UInt8)
            hasher.combine(value)
        case .string(let value):
            hasher.combine(4 as UInt8)
            UTF8Bytes.hash(value, into: &hasher)
        case .array(let elements):
            hasher.combine(5 as UInt8)
            hasher.combine(elements)
        case .object(let object):
            hasher.combine(6 as UInt8)
            hasher.combine(object)
        }
    }
}

extension JSON: CustomStringConvertible {
    /// The compact serialization, as ``JSON/serialized(sortingKeys:)`` writes it.
    public var description: String {
        String(decoding: serialized(), as: UTF8.self)
    }
}

extension JSON: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// `null`.
    public init(nilLiteral: ()) { self = .null }
    /// `true` or `false`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A real.
    public init(floatLiteral value: Double) { self = .real(value) }
    /// A string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An array.
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    /// An object with the members in the order written (a repeated key keeps the last
    /// value, as OVS does).
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(JSONObject(elements))
    }
}
