extension Row {
    /// Sets the columns named in the `<row>` object `json` (RFC 7047 section 5.1; OVS's
    /// `ovsdb_row_from_json()`) and returns their indexes, in the object's order. Throws
    /// OVS's errors: "row must be JSON object", "unknown column" for a name the table
    /// lacks, and the datum errors of each value. Whether a column may be written
    /// (`_uuid`, immutable columns) is the transaction engine's check.
    @discardableResult
    public mutating func update(json: JSON, table: TableSchema, resolver: NamedUUIDResolver? = nil) throws(OVSDBError) -> [Int] {
        guard case .object(let members) = json else {
            throw OVSDBError.syntax(json, "row must be JSON object")
        }
        var updated: [Int] = []
        updated.reserveCapacity(members.count)
        for (name, valueJSON) in members {
            guard let index = table.columnIndex(named: name) else {
                throw OVSDBError.syntax(json, "No column \(name) in table \(table.name).", tag: .unknownColumn)
            }
            values[index] = try Datum(json: valueJSON, type: table.columns[index].type, resolver: resolver)
            updated.append(index)
        }
        return updated
    }

    /// The row as a `<row>` object with the columns at `columns`, in that order (OVS's
    /// `ovsdb_row_to_json()`). With `omittingDefaults`, columns at their default value
    /// are left out, as update2 `initial` and `insert` do.
    public func json(table: TableSchema, columns: [Int], omittingDefaults: Bool = false) -> JSON {
        var object = JSONObject()
        for index in columns where !(omittingDefaults && values[index].isDefault(for: table.columns[index].type)) {
            object.appendUnchecked(values[index].json(type: table.columns[index].type), forKey: table.columns[index].name)
        }
        return .object(object)
    }

    /// Appends ``json(table:columns:omittingDefaults:)``'s serialization to `output`
    /// without building a ``JSON`` value (the server's path for snapshots and updates).
    public func appendJSON(table: TableSchema, columns: [Int], omittingDefaults: Bool = false,
                           to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        var first = true
        let formats = table.formats
        for index in columns where !(omittingDefaults && values[index].isDefault(minimumCount: formats[index].minimumCount)) {
            if !first { output.append(UInt8(ascii: ",")) }
            first = false
            output.append(contentsOf: formats[index].quotedName)
            values[index].appendJSON(isMap: formats[index].isMap, to: &output)
        }
        output.append(UInt8(ascii: "}"))
    }
}
