extension BaseType {
    /// Parses a `<base-type>`: an atomic type name, or an object with `"type"` and the
    /// constraints that type allows, with OVS's errors (`ovsdb_base_type_from_json()`).
    public init(json: JSON) throws(OVSDBError) {
        if case .string = json {
            self.init(try AtomicType(json: json))
            return
        }
        var parser = MemberParser(json, name: "ovsdb type")
        let typeJSON = parser.member("type", .string)
        if parser.hasError { try parser.finish() }
        self.init(try AtomicType(json: typeJSON ?? .null))
        // As in OVS, an invalid constraint is reported before unexpected members.
        try parseConstraints(json, &parser)
        try parser.finish()
    }

    private mutating func parseConstraints(_ json: JSON, _ parser: inout MemberParser) throws(OVSDBError) {
        if let enumJSON = parser.member("enum", [.any, .optional]) {
            enumeration = try Datum(json: enumJSON, type: ColumnType.enumeration(of: type))
            return
        }
        switch type {
        case .integer:
            minInteger = parser.member("minInteger", [.integer, .optional])?.integerValue ?? .min
            maxInteger = parser.member("maxInteger", [.integer, .optional])?.integerValue ?? .max
            if minInteger > maxInteger {
                throw OVSDBError.syntax(json, "minInteger exceeds maxInteger")
            }
        case .real:
            minReal = parser.member("minReal", [.number, .optional])?.numberValue ?? -.greatestFiniteMagnitude
            maxReal = parser.member("maxReal", [.number, .optional])?.numberValue ?? .greatestFiniteMagnitude
            if minReal > maxReal {
                throw OVSDBError.syntax(json, "minReal exceeds maxReal")
            }
        case .boolean:
            break
        case .string:
            minLength = try Self.length("minLength", &parser) ?? 0
            maxLength = try Self.length("maxLength", &parser) ?? Int(UInt32.max)
            if minLength > maxLength {
                throw OVSDBError.syntax(json, "minLength exceeds maxLength")
            }
        case .uuid:
            guard let table = parser.member("refTable", [.id, .optional]) else { return }
            refTable = table.stringValue
            guard let kind = parser.member("refType", [.id, .optional])?.stringValue else { return }
            guard let parsed = ReferenceType(rawValue: kind) else {
                throw OVSDBError.syntax(json, "refType must be \"strong\" or \"weak\" (not \"\(kind)\")")
            }
            refType = parsed
        }
    }

    /// An optional length member, within 0 to `UINT_MAX` (OVS's `parse_optional_uint()`).
    private static func length(_ name: String, _ parser: inout MemberParser) throws(OVSDBError) -> Int? {
        guard let member = parser.member(name, [.integer, .optional]), let value = member.integerValue else {
            return nil
        }
        guard value >= 0 && value <= Int64(UInt32.max) else {
            throw OVSDBError.syntax(member, "\(name) out of valid range 0 to \(UInt32.max)")
        }
        return Int(value)
    }

    /// The `<base-type>` JSON as OVS writes it (`ovsdb_base_type_to_json()`): the bare
    /// type name when unconstrained, otherwise an object with only the constraints that
    /// differ from their defaults.
    public var json: JSON {
        guard hasConstraints else { return type.json }
        var object: JSONObject = ["type": type.json]
        if let enumeration {
            object["enum"] = enumeration.json(type: ColumnType.enumeration(of: type))
        }
        switch type {
        case .integer:
            if minInteger != .min { object["minInteger"] = .integer(minInteger) }
            if maxInteger != .max { object["maxInteger"] = .integer(maxInteger) }
        case .real:
            if minReal != -.greatestFiniteMagnitude { object["minReal"] = .real(minReal) }
            if maxReal != .greatestFiniteMagnitude { object["maxReal"] = .real(maxReal) }
        case .boolean:
            break
        case .string:
            if minLength != 0 { object["minLength"] = .integer(Int64(minLength)) }
            if maxLength != Int(UInt32.max) { object["maxLength"] = .integer(Int64(maxLength)) }
        case .uuid:
            if let refTable {
                object["refTable"] = .string(refTable)
                if refType == .weak { object["refType"] = "weak" }
            }
        }
        return .object(object)
    }
}
