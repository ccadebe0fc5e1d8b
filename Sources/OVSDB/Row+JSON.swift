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
            guard let column = table.column(named: name) else {
                throw OVSDBError.syntax(json, "No column \(name) in table \(table.name).", tag: .unknownColumn)
            }
            values[column.index] = try Datum(json: valueJSON, type: column.type, resolver: resolver)
            updated.append(column.index)
        }
        return updated
    }

    /// The row as a `<row>` object with the columns at `columns`, in that order (OVS's
    /// `ovsdb_row_to_json()`). With `omittingDefaults`, columns at their default value
    /// are left out, as update2 `initial` and `insert` do.
    public func json(table: TableSchema, columns: some Sequence<Int>, omittingDefaults: Bool = false) -> JSON {
        var object = JSONObject()
        for index in columns {
            let column = table.columns[index]
            let value = values[index]
            if omittingDefaults && value.isDefault(for: column.type) { continue }
            object.appendUnchecked(value.json(type: column.type), forKey: column.name)
        }
        return .object(object)
    }

    /// Appends ``json(table:columns:omittingDefaults:)``'s serialization to `output`
    /// without building a ``JSON`` value (the server's path for snapshots and updates).
    public func appendJSON(table: TableSchema, columns: some Sequence<Int>, omittingDefaults: Bool = false,
                           to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        var first = true
        for index in columns {
            let column = table.columns[index]
            let value = values[index]
            if omittingDefaults && value.isDefault(for: column.type) { continue }
            if !first { output.append(UInt8(ascii: ",")) }
            first = false
            JSONSerializer.appendString(column.name, to: &output)
            output.append(UInt8(ascii: ":"))
            value.appendJSON(type: column.type, to: &output)
        }
        output.append(UInt8(ascii: "}"))
    }
}
