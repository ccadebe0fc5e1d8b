import OVSDB

extension TransactionExecutor {
    /// `wait` (RFC 7047 section 5.2.6, OVS's `ovsdb_execute_wait()`): members
    /// `timeout`, `where`, `columns`, `until`, `rows`, `table`. The rows matching the
    /// condition, projected on `columns` (default: every column, `_uuid` and `_version`
    /// included), are compared as a set with `rows` projected the same way; `until` says
    /// whether they must be equal ("==") or differ ("!=").
    ///
    /// When the test fails: "timed out" if `timeout` has passed (details
    /// `"where" clause test failed` on the first attempt), otherwise "not supported",
    /// which makes the executor return ``TransactionOutcome/blocked(timeoutMilliseconds:reply:)``.
    mutating func wait(_ parser: inout MemberParser) throws(OVSDBError) -> JSONObject {
        let timeoutJSON = parser.member("timeout", [.integer, .optional])
        let whereJSON = parser.member("where", .array)
        let columnsJSON = parser.member("columns", [.array, .optional])
        let untilJSON = parser.member("until", .string)
        let rowsJSON = parser.member("rows", .array)
        let table = parseTable(&parser)
        try checkMembers(parser)
        guard let tableIndex = table, let clauses = whereJSON, let until = untilJSON,
              let expectedJSON = rowsJSON?.arrayValue else { throw Self.missingMember }

        let schema = transaction.database.tables[tableIndex].schema
        let condition = try condition(clauses, table: tableIndex)
        let columns = try ColumnList.parse(columnsJSON, table: schema)
        let timeout = timeoutJSON?.integerValue
        if let timeoutJSON, let timeout {
            guard timeout >= 0 else { throw OVSDBError.syntax(timeoutJSON, "timeout must be nonnegative") }
            waitTimeout = min(waitTimeout ?? .max, timeout)
        }
        guard until == "==" || until == "!=" else {
            throw OVSDBError.syntax(until, "\"until\" must be \"==\" or \"!=\"")
        }
        var expected = Set<[Datum]>()
        for json in expectedJSON {
            var row = Row(table: schema)
            try row.update(json: json, table: schema, resolver: symbols)
            expected.insert(columns.map { row.values[$0] })
        }
        var actual = Set<[Datum]>()
        var equal = true
        for row in matchingRows(tableIndex, condition) {
            let projected = columns.map { row.values[$0] }
            guard expected.contains(projected) else {
                equal = false
                break
            }
            actual.insert(projected)
        }
        equal = equal && actual.count == expected.count
        if (until == "==") != equal {
            let elapsed = options.elapsedMilliseconds
            if let timeout, elapsed >= timeout {
                throw OVSDBError(.timedOut, elapsed > 0 ? "\"wait\" timed out after \(elapsed) ms" : "\"where\" clause test failed")
            }
            throw OVSDBError(.notSupported, "triggers not supported")
        }
        return [:]
    }
}
