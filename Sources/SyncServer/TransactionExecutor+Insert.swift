import OVSDB

extension TransactionExecutor {
    /// `insert` (RFC 7047 section 5.2.1, OVS's `ovsdb_execute_insert()`): members
    /// `table`, `uuid` (OVS extension: the new row's UUID), `uuid-name`, `row`. Result
    /// `{"uuid": ["uuid", ...]}`. Values are type- and constraint-checked here, as are
    /// the defaults of columns the row leaves out; references, indexes and `maxRows`
    /// are checked at commit.
    mutating func insert(_ parser: inout MemberParser) throws(OVSDBError) -> JSONObject {
        let table = parseTable(&parser)
        let uuidJSON = parser.member("uuid", [.string, .optional])
        let nameJSON = parser.member("uuid-name", [.id, .optional])
        let rowJSON = parser.member("row", .object)
        try checkMembers(parser)
        guard let tableIndex = table, let values = rowJSON else { throw Self.missingMember }

        var explicit: OVSDBUUID?
        if let uuidJSON {
            guard let uuid = uuidJSON.stringValue.flatMap(OVSDBUUID.init) else {
                throw OVSDBError.syntax(uuidJSON, "bad uuid")
            }
            guard transaction.mayCreateRow(uuid, in: tableIndex) else {
                throw OVSDBError.syntax(uuidJSON, "This UUID would duplicate a UUID already present within the table or deleted within the same transaction.", tag: .duplicateUUID)
            }
            explicit = uuid
        }
        let uuid: OVSDBUUID
        if let nameJSON, let name = nameJSON.stringValue {
            guard let created = symbols.createRow(named: name, uuid: explicit) else {
                throw OVSDBError.syntax(nameJSON, "This \"uuid-name\" appeared on an earlier \"insert\" operation.", tag: .duplicateUUIDName)
            }
            uuid = created
        } else {
            uuid = explicit ?? .random()
        }

        let schema = transaction.database.tables[tableIndex].schema
        var row = Row(table: schema)
        try row.update(json: values, table: schema, resolver: symbols)
        try Self.checkSingleValues(of: row, table: schema)
        row.uuid = uuid
        transaction.insert(row, into: tableIndex)
        return ["uuid": ["uuid", .string(uuid.description)]]
    }

    /// Checks the constraints of every column holding exactly one element, which covers
    /// defaults the row left out (a default may violate an enum or a range).
    private static func checkSingleValues(of row: Row, table: TableSchema) throws(OVSDBError) {
        for column in table.columns where row.values[column.index].count == 1 {
            let element = row.values[column.index][0]
            try element.key.checkConstraints(column.type.key)
            if let value = element.value, let valueType = column.type.value {
                try value.checkConstraints(valueType)
            }
        }
    }
}
