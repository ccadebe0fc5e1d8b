extension TableSchema {
    /// Parses the `<table-schema>` of table `name` (OVS's
    /// `ovsdb_table_schema_from_json()`), with OVS's errors: reserved or invalid column
    /// names, no columns, `maxRows` below 1, unknown, repeated or ephemeral index
    /// columns.
    public init(json: JSON, name: String) throws(OVSDBError) {
        var parser = MemberParser(json, name: "table schema for table \(name)")
        let columnsJSON = parser.member("columns", .object)?.objectValue ?? [:]
        let mutable = parser.member("mutable", [.boolean, .optional])
        let maxRowsJSON = parser.member("maxRows", [.integer, .optional])
        let isRoot = parser.member("isRoot", [.boolean, .optional])
        let indexesJSON = parser.member("indexes", [.array, .optional])
        try parser.finish()

        var maxRows: Int?
        if let limit = maxRowsJSON?.integerValue {
            guard limit > 0 else { throw OVSDBError.syntax(json, "maxRows must be at least 1") }
            maxRows = limit < Int64(UInt32.max) ? Int(limit) : nil
        }
        guard !columnsJSON.isEmpty else {
            throw OVSDBError.syntax(json, "table must have at least one column")
        }
        var userColumns: [ColumnSchema] = []
        for (columnName, columnJSON) in columnsJSON {
            try Self.checkName(columnName, in: json)
            userColumns.append(try ColumnSchema(json: columnJSON, name: columnName, index: userColumns.count + 2))
        }
        self.init(name: name, userColumns: userColumns, isMutable: mutable?.boolValue ?? true,
                  isRoot: isRoot?.boolValue ?? false, maxRows: maxRows)
        for indexJSON in indexesJSON?.arrayValue ?? [] {
            indexes.append(try parseIndex(indexJSON, table: json))
        }
    }

    /// Rejects reserved names and names that are not identifiers (table and column
    /// names alike), with `json` (the enclosing schema) as the error's syntax.
    static func checkName(_ name: String, in json: JSON) throws(OVSDBError) {
        if name.utf8.first == UInt8(ascii: "_") {
            throw OVSDBError.syntax(json, "names beginning with \"_\" are reserved")
        }
        if !MemberParser.isID(name) {
            throw OVSDBError.syntax(json, "name must be a valid id")
        }
    }

    /// An index: a non-empty array of distinct, persistent column names (OVS's
    /// `ovsdb_column_set_from_json()` and the checks after it).
    private func parseIndex(_ json: JSON, table: JSON) throws(OVSDBError) -> [Int] {
        let notDistinct = OVSDBError.syntax(json, "array of distinct column names expected")
        guard case .array(let names) = json else { throw notDistinct }
        var index: [Int] = []
        for nameJSON in names {
            guard case .string(let name) = nameJSON else { throw notDistinct }
            guard let column = columnIndex(named: name) else {
                throw OVSDBError.syntax(json, "\(name) is not a valid column name")
            }
            guard !index.contains(column) else { throw notDistinct }
            index.append(column)
        }
        guard !index.isEmpty else {
            throw OVSDBError.syntax(table, "index must have at least one column")
        }
        if let ephemeral = index.first(where: { columns[$0].isEphemeral }) {
            throw OVSDBError.syntax(table, "ephemeral columns (such as \(columns[ephemeral].name)) may not be indexed")
        }
        return index
    }

    /// The `<table-schema>` JSON as OVS writes it (`ovsdb_table_schema_to_json()`):
    /// `"mutable": false` when immutable, `"isRoot"` only when it differs from
    /// `defaultIsRoot`, the columns (without `_uuid` and `_version`), `"maxRows"` when
    /// limited, `"indexes"` when there are any.
    public func json(defaultIsRoot: Bool) -> JSON {
        var object = JSONObject()
        if !isMutable { object.appendUnchecked(false, forKey: "mutable") }
        if isRoot != defaultIsRoot { object.appendUnchecked(.bool(isRoot), forKey: "isRoot") }
        var columnsObject = JSONObject()
        for column in userColumns {
            columnsObject.appendUnchecked(column.json, forKey: column.name)
        }
        object.appendUnchecked(.object(columnsObject), forKey: "columns")
        if let maxRows { object.appendUnchecked(.integer(Int64(maxRows)), forKey: "maxRows") }
        if !indexes.isEmpty {
            let indexesJSON = indexes.map { index in JSON.array(index.map { .string(columns[$0].name) }) }
            object.appendUnchecked(.array(indexesJSON), forKey: "indexes")
        }
        return .object(object)
    }
}
