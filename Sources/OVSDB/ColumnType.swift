/// The type of a column (RFC 7047 section 3.2, `<type>`; OVS's `struct ovsdb_type`): a
/// key type, an optional value type (then the column is a map), and bounds on the
/// number of elements.
///
/// A column with `min == max == 1` and no value type is a scalar; `min == 0, max == 1`
/// an optional scalar; anything else a set, or a map when there is a value type.
public struct ColumnType: Hashable, Sendable {
    /// The type of the atoms (a set's elements, a map's keys).
    public var key: BaseType
    /// The type of a map's values; nil for scalars and sets.
    public var value: BaseType?
    /// Minimum number of elements: 0 or 1.
    public var min: Int
    /// Maximum number of elements, at least 1, or ``unlimited``.
    public var max: Int

    /// The `max` of `"max": "unlimited"` (OVS's `UINT_MAX`, which its messages print).
    public static let unlimited = Int(UInt32.max)

    /// A column type; the caller keeps `0 <= min <= 1 <= max`.
    public init(key: BaseType, value: BaseType? = nil, min: Int = 1, max: Int = 1) {
        self.key = key
        self.value = value
        self.min = min
        self.max = max
    }

    /// A scalar of the unconstrained `type`.
    public static func scalar(_ type: AtomicType) -> ColumnType {
        ColumnType(key: BaseType(type))
    }

    /// Zero or one atom of the unconstrained `type`.
    public static func optional(_ type: AtomicType) -> ColumnType {
        ColumnType(key: BaseType(type), min: 0, max: 1)
    }

    /// The type of a base type's `"enum"`: a non-empty set of unconstrained atoms (OVS's
    /// `ovsdb_base_type_get_enum_type()`).
    public static func enumeration(of type: AtomicType) -> ColumnType {
        ColumnType(key: BaseType(type), min: 1, max: unlimited)
    }

    /// Exactly one atom, no value.
    public var isScalar: Bool { value == nil && min == 1 && max == 1 }

    /// May be empty.
    public var isOptional: Bool { min == 0 }

    /// Zero or one atom, no value.
    public var isOptionalScalar: Bool { value == nil && min == 0 && max == 1 }

    /// May hold more than one element (OVS's `ovsdb_type_is_composite()`); update2 diffs
    /// of such columns are set differences rather than new values.
    public var isComposite: Bool { max > 1 }

    /// A set: no value type and not a scalar.
    public var isSet: Bool { value == nil && !isScalar }

    /// A map.
    public var isMap: Bool { value != nil }

    /// The same type with other size bounds (used to relax bounds for conditions and
    /// mutations, as OVS does).
    public func withSize(min: Int, max: Int) -> ColumnType {
        var copy = self
        copy.min = min
        copy.max = max
        return copy
    }

    /// The same atomic types without constraints and without size bounds (OVS's
    /// `ovsdb_unconstrained_datum_from_json()` type).
    public var unconstrained: ColumnType {
        ColumnType(key: key.unconstrained, value: value?.unconstrained, min: 0, max: Self.unlimited)
    }

    /// Type checks a datum's size (OVS's `ovsdb_datum_conforms_to_type()`).
    public func conforms(_ datum: Datum) -> Bool {
        datum.count >= min && datum.count <= max
    }

    /// The type in English, as OVS's `ovsdb_type_to_english()` writes it in messages:
    /// "integer", "set of up to 4 strings", "map of 1 or more (string, integer) pairs".
    public var englishDescription: String {
        if isScalar { return key.type.rawValue }
        var text = value == nil ? "set" : "map"
        if max == Self.unlimited {
            text += min > 0 ? " of \(min) or more" : " of"
        } else if min > 0 {
            text += " of \(min) to \(max)"
        } else {
            text += " of up to \(max)"
        }
        if let value {
            text += " (\(key.type.rawValue), \(value.type.rawValue)) pairs"
        } else {
            text += " \(key.type.rawValue)s"
        }
        return text
    }
}
