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
    /// for a one-element set, `["set", [...]]` otherwise. `type` must be the type of the
    /// column this datum belongs to.
    public func json(type: ColumnType) -> JSON {
        if !type.isMap, case .scalar(let atom) = storage {
            return atom.json
        }
        let (keys, values) = arrays
        if type.isMap {
            return ["map", .array(keys.indices.map { [keys[$0].json, values?[$0].json ?? .null] })]
        }
        return ["set", .array(keys.map(\.json))]
    }

    /// Appends ``json(type:)``'s serialization to `output` without building a ``JSON``
    /// value (the server's path for rows and updates).
    public func appendJSON(type: ColumnType, to output: inout [UInt8]) {
        appendJSON(isMap: type.isMap, to: &output)
    }

    /// ``appendJSON(type:to:)`` for a map type when `isMap`, a set type otherwise.
    func appendJSON(isMap: Bool, to output: inout [UInt8]) {
        if !isMap, case .scalar(let atom) = storage {
            atom.appendJSON(to: &output)
            return
        }
        let (keys, values) = arrays
        JSONSerializer.appendASCII(isMap ? "[\"map\",[" : "[\"set\",[", to: &output)
        for index in keys.indices {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            if isMap {
                output.append(UInt8(ascii: "["))
                keys[index].appendJSON(to: &output)
                output.append(UInt8(ascii: ","))
                if let value = values?[index] {
                    value.appendJSON(to: &output)
                } else {
                    JSONSerializer.appendASCII("null", to: &output)
                }
                output.append(UInt8(ascii: "]"))
            } else {
                keys[index].appendJSON(to: &output)
            }
        }
        JSONSerializer.appendASCII("]]", to: &output)
    }
}
