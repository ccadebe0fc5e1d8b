import OVSDB

extension TransactionExecutor {
    /// `delete` (RFC 7047 section 5.2.5, OVS's `ovsdb_execute_delete()`): members
    /// `where` then `table` (OVS's order). Result `{"count": N}`. Whether a deleted row
    /// is still referenced is checked at commit.
    mutating func delete(_ parser: inout MemberParser) throws(OVSDBError) -> JSONObject {
        let whereJSON = parser.member("where", .array)
        let table = parseTable(&parser)
        try checkMembers(parser)
        guard let tableIndex = table, let clauses = whereJSON else { throw Self.missingMember }

        let rows = matchingRows(tableIndex, try condition(clauses, table: tableIndex))
        for row in rows {
            transaction.delete(RowReference(table: tableIndex, uuid: row.uuid))
        }
        return ["count": .integer(Int64(rows.count))]
    }
}
