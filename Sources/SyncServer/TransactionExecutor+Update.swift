import OVSDB

extension TransactionExecutor {
    /// `update` (RFC 7047 section 5.2.3, OVS's `ovsdb_execute_update()`): members
    /// `table`, `where`, `row`. The row's values are checked first, then that no listed
    /// column is immutable (even when no row matches), then the condition. Result
    /// `{"count": N}`, the number of rows matched; rows already equal are left untouched.
    mutating func update(_ parser: inout MemberParser, operation: JSON) throws(OVSDBError) -> JSONObject {
        let table = parseTable(&parser)
        let whereJSON = parser.member("where", .array)
        let rowJSON = parser.member("row", .object)
        try checkMembers(parser)
        guard let tableIndex = table, let clauses = whereJSON, let values = rowJSON else { throw Self.missingMember }

        let schema = transaction.database.tables[tableIndex].schema
        var template = Row(table: schema)
        let columns = try template.update(json: values, table: schema, resolver: symbols)
        if let immutable = columns.first(where: { !schema.columns[$0].isMutable }) {
            throw OVSDBError.syntax(operation, "Cannot update immutable column \(schema.columns[immutable].name) in table \(schema.name).", tag: .constraintViolation)
        }
        let condition = try condition(clauses, table: tableIndex)
        let rows = matchingRows(tableIndex, condition)
        for row in rows where columns.contains(where: { row.values[$0] != template.values[$0] }) {
            var updated = row
            for column in columns { updated.values[column] = template.values[column] }
            transaction.replace(RowReference(table: tableIndex, uuid: row.uuid), with: updated)
        }
        return ["count": .integer(Int64(rows.count))]
    }
}
