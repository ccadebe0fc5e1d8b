extension Atom {
    /// Parses an `<atom>` of `type` and checks its constraints (OVS's
    /// `ovsdb_atom_from_json()`): integers need a JSON integer, reals accept any
    /// number, UUIDs are `["uuid", "<uuid>"]`, or `["named-uuid", "<id>"]` when a
    /// `resolver` is given. Errors carry OVS's tags and texts ("expected integer",
    /// "\"x\" is not a valid UUID", constraint violations).
    public init(json: JSON, type: BaseType, resolver: NamedUUIDResolver? = nil) throws(OVSDBError) {
        self = try Atom.parse(json, as: type, resolver: resolver)
        try checkConstraints(type)
    }

    private static func parse(_ json: JSON, as base: BaseType, resolver: NamedUUIDResolver?) throws(OVSDBError) -> Atom {
        switch (base.type, json) {
        case (.integer, .integer(let value)): return .integer(value)
        case (.real, .integer(let value)): return .real(Double(value))
        case (.real, .real(let value)): return .real(value)
        case (.boolean, .bool(let value)): return .boolean(value)
        case (.string, .string(let value)): return .string(value)
        case (.uuid, _): return .uuid(try parseUUID(json, as: base, resolver: resolver))
        default: throw OVSDBError.syntax(json, "expected \(base.type.rawValue)")
        }
    }

    /// OVS's `ovsdb_atom_parse_uuid()`.
    private static func parseUUID(_ json: JSON, as base: BaseType, resolver: NamedUUIDResolver?) throws(OVSDBError) -> OVSDBUUID {
        if let text = unwrap(json, "uuid") {
            guard let uuid = OVSDBUUID(text) else {
                throw OVSDBError.syntax(json, "\"\(text)\" is not a valid UUID")
            }
            return uuid
        }
        if let resolver, let name = unwrap(json, "named-uuid") {
            guard MemberParser.isID(name) else {
                throw OVSDBError.syntax(json, "named-uuid string is not a valid <id>")
            }
            return resolver.uuid(forName: name, referencedAs: base)
        }
        throw OVSDBError.syntax(json, "expected [\"uuid\", <string>]")
    }

    /// The string of `[name, "<string>"]`, if `json` has that shape.
    private static func unwrap(_ json: JSON, _ name: String) -> String? {
        guard case .array(let elements) = json, elements.count == 2,
              case .string(let tag) = elements[0], tag == name,
              case .string(let text) = elements[1] else { return nil }
        return text
    }

    /// The `<atom>` JSON (OVS's `ovsdb_atom_to_json()`).
    public var json: JSON {
        switch self {
        case .integer(let value): return .integer(value)
        case .real(let value): return .real(value)
        case .boolean(let value): return .bool(value)
        case .string(let value): return .string(value)
        case .uuid(let value): return ["uuid", .string(value.description)]
        }
    }

    /// Appends the `<atom>` JSON to `output` without building a ``JSON`` value.
    public func appendJSON(to output: inout [UInt8]) {
        switch self {
        case .integer(let value):
            JSONSerializer.appendInteger(value, to: &output)
        case .real(let value):
            JSONSerializer.appendReal(value, to: &output)
        case .boolean(let value):
            JSONSerializer.appendASCII(value ? "true" : "false", to: &output)
        case .string(let value):
            JSONSerializer.appendString(value, to: &output)
        case .uuid(let value):
            JSONSerializer.appendASCII("[\"uuid\",\"", to: &output)
            value.appendText(to: &output)
            JSONSerializer.appendASCII("\"]", to: &output)
        }
    }
}
