extension ColumnType {
    /// Parses a `<type>`: an atomic type name or base type object for a scalar, or an
    /// object with `"key"`, optional `"value"`, `"min"` and `"max"` (a number or
    /// `"unlimited"`), with OVS's errors (`ovsdb_type_from_json()`).
    public init(json: JSON) throws(OVSDBError) {
        switch json {
        case .string:
            self.init(key: try BaseType(json: json))
        case .object:
            var parser = MemberParser(json, name: "ovsdb type")
            let keyJSON = parser.member("key", [.string, .object])
            let valueJSON = parser.member("value", [.string, .object, .optional])
            let minJSON = parser.member("min", [.integer, .optional])
            let maxJSON = parser.member("max", [.integer, .string, .optional])
            try parser.finish()
            self.init(key: try BaseType(json: keyJSON ?? .null))
            if let valueJSON {
                value = try BaseType(json: valueJSON)
            }
            if let minJSON {
                min = try Self.size(minJSON)
            }
            if let maxJSON {
                max = maxJSON == "unlimited" ? Self.unlimited : try Self.size(maxJSON)
            }
            guard min <= 1 && max >= 1 else {
                throw OVSDBError.syntax(json, "ovsdb type fails constraint checks")
            }
        default:
            throw OVSDBError.syntax(json, "ovsdb type expected")
        }
    }

    /// A `"min"` or `"max"` number: 0 to `UINT_MAX - 1` (OVS's `n_from_json()`).
    private static func size(_ json: JSON) throws(OVSDBError) -> Int {
        guard case .integer(let value) = json, value >= 0, value < Int64(UInt32.max) else {
            throw OVSDBError.syntax(json, "bad min or max value")
        }
        return Int(value)
    }

    /// The `<type>` JSON as OVS writes it (`ovsdb_type_to_json()`): the bare base type
    /// for an unconstrained scalar, otherwise `{"key", "value"?, "min"?, "max"?}` with
    /// `min` only when not 1 and `max` only when not 1 (`"unlimited"` for no bound).
    public var json: JSON {
        if isScalar && !key.hasConstraints {
            return key.json
        }
        var object: JSONObject = ["key": key.json]
        if let value { object["value"] = value.json }
        if min != 1 { object["min"] = .integer(Int64(min)) }
        if max == Self.unlimited {
            object["max"] = "unlimited"
        } else if max != 1 {
            object["max"] = .integer(Int64(max))
        }
        return .object(object)
    }
}
