/// The five atomic types of OVSDB (RFC 7047 section 3.2, `<atomic-type>`).
///
/// The case order is OVS's (`enum ovsdb_atomic_type`), which also orders atoms of
/// different types where a total order is needed.
public enum AtomicType: String, CaseIterable, Comparable, Hashable, Sendable {
    /// A 64-bit signed integer.
    case integer
    /// An IEEE 754 double.
    case real
    /// `true` or `false`.
    case boolean
    /// A UTF-8 string.
    case string
    /// A UUID, possibly a reference to a row.
    case uuid

    /// Parses an `<atomic-type>` (OVS's `ovsdb_atomic_type_from_json()`).
    public init(json: JSON) throws(OVSDBError) {
        guard case .string(let name) = json else {
            throw OVSDBError.syntax(json, "atomic-type expected")
        }
        guard let type = AtomicType(rawValue: name) else {
            throw OVSDBError.syntax(json, "\"\(name)\" is not an atomic-type")
        }
        self = type
    }

    /// The type name as JSON.
    public var json: JSON { .string(rawValue) }

    private var order: Int {
        switch self {
        case .integer: return 0
        case .real: return 1
        case .boolean: return 2
        case .string: return 3
        case .uuid: return 4
        }
    }

    /// Orders types as OVS's enum does.
    public static func < (lhs: AtomicType, rhs: AtomicType) -> Bool {
        lhs.order < rhs.order
    }
}
