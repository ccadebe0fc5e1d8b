extension DatabaseSchema {
    /// Parses a `<database-schema>` (OVS's `ovsdb_schema_from_json()`) with OVS's
    /// errors, exactly as `ovsdb-tool create` reports them once wrapped with
    /// ``OVSDBError/wrapped(_:)`` ("failed to parse \"<file>\" as ovsdb schema").
    public init(json: JSON) throws(OVSDBError) {
        var parser = MemberParser(json, name: "database schema")
        let nameJSON = parser.member("name", .id)
        let versionJSON = parser.member("version", [.string, .optional])
        let cksumJSON = parser.member("cksum", [.string, .optional])
        let tablesJSON = parser.member("tables", .object)
        try parser.finish()

        let version = versionJSON?.stringValue ?? ""
        if versionJSON != nil && !Self.isValidVersion(version) {
            throw OVSDBError.syntax(json, "schema version \"\(version)\" not in format x.y.z")
        }
        var tables: [TableSchema] = []
        for (tableName, tableJSON) in tablesJSON?.objectValue ?? [:] {
            try TableSchema.checkName(tableName, in: json)
            tables.append(try TableSchema(json: tableJSON, name: tableName))
        }
        self.init(name: nameJSON?.stringValue ?? "", version: version,
                  cksum: cksumJSON?.stringValue ?? "", tables: tables)
        try checkReferences()
    }

    /// True for `<x>.<y>.<z>` as OVS's `ovsdb_parse_version()` scans it (`%u.%u.%u`:
    /// each number may follow white space and a sign).
    static func isValidVersion(_ version: String) -> Bool {
        var bytes = Array(version.utf8)[...]
        for part in 0..<3 {
            if part > 0 {
                guard bytes.first == UInt8(ascii: ".") else { return false }
                bytes = bytes.dropFirst()
            }
            bytes = bytes.drop { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") {
                bytes = bytes.dropFirst()
            }
            let digits = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard !digits.isEmpty else { return false }
            bytes = bytes.dropFirst(digits.count)
        }
        return bytes.isEmpty
    }

    /// The `<database-schema>` JSON as `get_schema` returns it (OVS's
    /// `ovsdb_schema_to_json()`): `"name"`, `"version"` and `"cksum"` when not empty,
    /// `"tables"`; tables write `"isRoot"` only if some table is not in the root set.
    public var json: JSON {
        var object = JSONObject()
        object.appendUnchecked(.string(name), forKey: "name")
        if !version.isEmpty { object.appendUnchecked(.string(version), forKey: "version") }
        if !cksum.isEmpty { object.appendUnchecked(.string(cksum), forKey: "cksum") }
        let defaultIsRoot = tables.allSatisfy(\.isRoot)
        var tablesObject = JSONObject()
        for table in tables {
            tablesObject.appendUnchecked(table.json(defaultIsRoot: defaultIsRoot), forKey: table.name)
        }
        object.appendUnchecked(.object(tablesObject), forKey: "tables")
        return .object(object)
    }
}
