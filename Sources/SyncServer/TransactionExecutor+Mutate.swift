import OVSDB

extension TransactionExecutor {
    /// `mutate` (RFC 7047 section 5.2.4, OVS's `ovsdb_execute_mutate()`): members
    /// `table`, `where`, `mutations`. Every mutation is parsed before the condition;
    /// then each matching row gets the mutations in order, and the first failure fails
    /// the operation. Result `{"count": N}`, the number of rows matched.
    mutating func mutate(_ parser: inout MemberParser) throws(OVSDBError) -> JSONObject {
        let table = parseTable(&parser)
        let whereJSON = parser.member("where", .array)
        let mutationsJSON = parser.member("mutations", .array)
        try checkMembers(parser)
        guard let tableIndex = table, let clauses = whereJSON, let list = mutationsJSON?.arrayValue else {
            throw Self.missingMember
        }

        let schema = transaction.database.tables[tableIndex].schema
        var mutations: [Mutation] = []
        for json in list {
            mutations.append(try Mutation(json: json, table: schema, resolver: symbols))
        }
        let condition = try condition(clauses, table: tableIndex)
        let rows = matchingRows(tableIndex, condition)
        for row in rows {
            var mutated = row
            for mutation in mutations {
                mutated.values[mutation.column.index] = try mutation.apply(to: mutated.values[mutation.column.index])
            }
            transaction.replace(RowReference(table: tableIndex, uuid: row.uuid), with: mutated)
        }
        return ["count": .integer(Int64(rows.count))]
    }
}
