import OVSDB

/// What several operations share: naming the table, parsing the `where` condition and
/// finding the rows it selects (OVS's `parse_table()` and `ovsdb_query()`).
extension TransactionExecutor {
    /// The position of the table named by member `member` (an id), or nil with the
    /// parser's error recorded ("No table named X.").
    func parseTable(_ parser: inout MemberParser, _ member: String = "table") -> Int? {
        guard let name = parser.member(member, .id)?.stringValue else { return nil }
        guard let table = transaction.database.schema.tableIndex(named: name) else {
            parser.raise("No table named \(name).")
            return nil
        }
        return table
    }

    /// Throws the parser's first error, if any (OVS's `ovsdb_parser_get_error()`).
    /// Without one, every required member was found.
    func checkMembers(_ parser: MemberParser) throws(OVSDBError) {
        if let error = parser.error { throw error }
    }

    /// The error for a required member that is absent although the parser recorded no
    /// error (which cannot happen).
    static let missingMember = OVSDBError(.internalError, "required member missing without a parse error")

    /// Parses the `where` array (checked to be an array by the member parser).
    func condition(_ json: JSON, table: Int) throws(OVSDBError) -> Condition {
        try Condition(json: json.arrayValue ?? [], table: transaction.database.tables[table].schema, resolver: symbols)
    }

    /// The rows of `table` that satisfy every clause of `condition`, ordered by UUID.
    /// A leading `_uuid == <uuid>` clause is a direct lookup, as in OVS.
    func matchingRows(_ table: Int, _ condition: Condition) -> [Row] {
        let rows = transaction.database.tables[table].rows
        if let first = condition.clauses.first, first.function == .equal,
           first.column.index == TableSchema.uuidColumn, case .uuid(let uuid)? = first.argument.first {
            guard let row = rows[uuid], condition.matchesAll(row) else { return [] }
            return [row]
        }
        return rows.values.filter(condition.matchesAll).sorted { $0.uuid < $1.uuid }
    }
}

/// A list of column names, as `select`'s `columns` and `sort` and `wait`'s `columns`
/// give them (OVS's `ovsdb_column_set_from_json()`).
enum ColumnList {
    /// The indexes of the named columns, in order; every column (`_uuid` and `_version`
    /// included) when `json` is nil. Errors are OVS's: "array of distinct column names
    /// expected", "<name> is not a valid column name".
    static func parse(_ json: JSON?, table: TableSchema) throws(OVSDBError) -> [Int] {
        guard let json else { return Array(table.columns.indices) }
        let notDistinct = OVSDBError.syntax(json, "array of distinct column names expected")
        guard case .array(let names) = json else { throw notDistinct }
        var columns: [Int] = []
        for nameJSON in names {
            guard case .string(let name) = nameJSON else { throw notDistinct }
            guard let column = table.columnIndex(named: name) else {
                throw OVSDBError.syntax(json, "\(name) is not a valid column name")
            }
            guard !columns.contains(column) else { throw notDistinct }
            columns.append(column)
        }
        return columns
    }
}
