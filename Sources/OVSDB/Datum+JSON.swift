extension Datum {
    /// Parses a `<value>` of column type `type` (OVS's `ovsdb_datum_from_json()`): a
    /// bare atom for a one-element set, `["set", [atoms]]`, or `["map", [[key, value],
    /// ...]]` (always the map form for a map type). Checks the element count against
    /// `type.min`/`type.max`, every atom against its constraints, and rejects duplicate
    /// keys, with OVS's errors. `["named-uuid", name]` is accepted only with a
    /// `resolver`.
    public init(json: JSON, type: ColumnType, resolver: NamedUUIDResolver? = nil) throws(OVSDBError) {
        guard type.isMap || Self.isSetForm(json) else {
            self.init(try Atom(json: json, type: type.key, resolver: resolver))
            return
        }
        let kind = type.isMap ? "map" : "set"
        guard case .array(let wrapper) = json, wrapper.count == 2, wrapper[0] == .string(kind),
              case .array(let elements) = wrapper[1] else {
            throw OVSDBError.syntax(json, "expected [\"\(kind)\", <array>]")
        }
        guard elements.count >= type.min && elements.count <= type.max else {
            let expected = type.min == 1 && type.max == 1
                ? "exactly one member" : "\(type.min) to \(type.max) members"
            throw OVSDBError.syntax(json, "\(kind) must have \(expected) but \(elements.count) are present")
        }
        if let valueType = type.value {
            try self.init(mapElements: elements, keyType: type.key, valueType: valueType, resolver: resolver)
        } else {
            var atoms: [Atom] = []
            atoms.reserveCapacity(elements.count)
            for element in elements {
                atoms.append(try Atom(json: element, type: type.key, resolver: resolver))
            }
            try self.init(set: atoms)
        }
    }

    private init(mapElements elements: [JSON], keyType: BaseType, valueType: BaseType,
                 resolver: NamedUUIDResolver?) throws(OVSDBError) {
        var pairs: [(key: Atom, value: Atom)] = []
        pairs.reserveCapacity(elements.count)
        for element in elements {
            guard case .array(let pair) = element, pair.count == 2 else {
                throw OVSDBError.syntax(element, "expected 2-element array")
            }
            let key = try Atom(json: pair[0], type: keyType, resolver: resolver)
            let value = try Atom(json: pair[1], type: valueType, resolver: resolver)
            pairs.append((key, value))
        }
        try self.init(map: pairs)
    }

    /// True for an array whose first element is the string "set".
    private static func isSetForm(_ json: JSON) -> Bool {
        guard case .array(let elements) = json, case .string(let tag)? = elements.first else {
            return false
        }
        return tag == "set"
    }

    /// The `<value>` JSON for column type `type`, as OVS writes it
    /// (`ovsdb_datum_to_json()`): `["map", [[k, v], ...]]` for a map type, the bare atom
    /// for a one-element set, `["set", [...]]` otherwise.
    public func json(type: ColumnType) -> JSON {
        if type.isMap {
            let pairs = (0..<count).map { index -> JSON in
                [keys[index].json, values?[index].json ?? .null]
            }
            return ["map", .array(pairs)]
        }
        if count == 1 {
            return keys[0].json
        }
        return ["set", .array(keys.map(\.json))]
    }

    /// Appends ``json(type:)``'s serialization to `output` without building a ``JSON``
    /// value (the server's path for rows and updates).
    public func appendJSON(type: ColumnType, to output: inout [UInt8]) {
        if type.isMap {
            JSONSerializer.appendASCII("[\"map\",[", to: &output)
            for index in 0..<count {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                output.append(UInt8(ascii: "["))
                keys[index].appendJSON(to: &output)
                output.append(UInt8(ascii: ","))
                if let values {
                    values[index].appendJSON(to: &output)
                } else {
                    JSONSerializer.appendASCII("null", to: &output)
                }
                output.append(UInt8(ascii: "]"))
            }
            JSONSerializer.appendASCII("]]", to: &output)
        } else if count == 1 {
            keys[0].appendJSON(to: &output)
        } else {
            JSONSerializer.appendASCII("[\"set\",[", to: &output)
            for index in 0..<count {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                keys[index].appendJSON(to: &output)
            }
            JSONSerializer.appendASCII("]]", to: &output)
        }
    }
}
