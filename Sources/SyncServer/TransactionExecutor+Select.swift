import OVSDB

extension TransactionExecutor {
    /// `select` (RFC 7047 section 5.2.2, OVS's `ovsdb_execute_select()`): members
    /// `table`, `where`, `columns` (default: every column, `_uuid` and `_version`
    /// included), `sort` (OVS extension: ascending by these columns). Result
    /// `{"rows": [...]}`; without `_uuid` among the columns, equal rows appear once.
    /// The transaction's own earlier changes are visible.
    mutating func select(_ parser: inout MemberParser) throws(OVSDBError) -> JSONObject {
        let table = parseTable(&parser)
        let whereJSON = parser.member("where", .array)
        let columnsJSON = parser.member("columns", [.array, .optional])
        let sortJSON = parser.member("sort", [.array, .optional])
        try checkMembers(parser)
        guard let tableIndex = table, let clauses = whereJSON else { throw Self.missingMember }

        let schema = transaction.database.tables[tableIndex].schema
        let condition = try condition(clauses, table: tableIndex)
        let columns = try ColumnList.parse(columnsJSON, table: schema)
        let sort = try sortJSON.map { json throws(OVSDBError) in try ColumnList.parse(json, table: schema) } ?? []

        var rows = matchingRows(tableIndex, condition)
        if !columns.contains(TableSchema.uuidColumn) {
            var seen = Set<[Datum]>()
            rows = rows.filter { row in seen.insert(columns.map { row.values[$0] }).inserted }
        }
        if !sort.isEmpty {
            rows = Self.sorted(rows, by: sort)
        }
        return ["rows": .array(rows.map { $0.json(table: schema, columns: columns) })]
    }

    /// `rows` in ascending order of the `columns`, compared in turn (ties keep their
    /// UUID order).
    private static func sorted(_ rows: [Row], by columns: [Int]) -> [Row] {
        rows.enumerated().sorted { a, b in
            for column in columns {
                let order = Datum.compare(a.element.values[column], b.element.values[column])
                if order != 0 { return order < 0 }
            }
            return a.offset < b.offset
        }.map(\.element)
    }
}
