/// An atomic type with its constraints (RFC 7047 section 3.2, `<base-type>`; OVS's
/// `struct ovsdb_base_type`).
///
/// Only the constraints of the atomic type apply (integer range for integers, real
/// range for reals, length for strings, reference for UUIDs); the others keep their
/// unconstrained defaults. An enumeration replaces the range and length constraints,
/// as in OVS.
public struct BaseType: Hashable, Sendable {
    /// How a reference column holds the rows it points to (RFC 7047 section 3.2).
    public enum ReferenceType: String, Hashable, Sendable {
        /// The referenced row must exist; it cannot be deleted while referenced.
        case strong
        /// The reference is removed when the referenced row is deleted.
        case weak
    }

    /// The atomic type.
    public var type: AtomicType
    /// The allowed values, a set of atoms of ``type``, or nil for no enumeration.
    public var enumeration: Datum?
    /// Smallest allowed integer.
    public var minInteger: Int64 = .min
    /// Largest allowed integer.
    public var maxInteger: Int64 = .max
    /// Smallest allowed real (OVS's default is `-DBL_MAX`).
    public var minReal: Double = -.greatestFiniteMagnitude
    /// Largest allowed real (OVS's default is `DBL_MAX`).
    public var maxReal: Double = .greatestFiniteMagnitude
    /// Shortest allowed string, in Unicode scalars.
    public var minLength = 0
    /// Longest allowed string, in Unicode scalars (OVS's default is `UINT_MAX`).
    public var maxLength = Int(UInt32.max)
    /// For a UUID: the table whose rows it references, if any.
    public var refTable: String?
    /// For a reference: strong or weak.
    public var refType = ReferenceType.strong

    /// An unconstrained `type`.
    public init(_ type: AtomicType) {
        self.type = type
    }

    /// True if any constraint differs from the unconstrained default (OVS's
    /// `ovsdb_base_type_has_constraints()`); such a type is written as an object.
    public var hasConstraints: Bool {
        if enumeration != nil { return true }
        switch type {
        case .integer: return minInteger != .min || maxInteger != .max
        case .real: return minReal != -.greatestFiniteMagnitude || maxReal != .greatestFiniteMagnitude
        case .boolean: return false
        case .string: return minLength != 0 || maxLength != Int(UInt32.max)
        case .uuid: return refTable != nil
        }
    }

    /// True for a UUID that references a table.
    public var isReference: Bool { type == .uuid && refTable != nil }

    /// True for a strong reference.
    public var isStrongReference: Bool { isReference && refType == .strong }

    /// True for a weak reference.
    public var isWeakReference: Bool { isReference && refType == .weak }

    /// The same atomic type without any constraint.
    public var unconstrained: BaseType { BaseType(type) }
}
