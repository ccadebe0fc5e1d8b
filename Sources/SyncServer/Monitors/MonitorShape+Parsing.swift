import OVSDB

extension MonitorShape {
    /// Parses the `<monitor-requests>` object of a `monitor`, `monitor_cond` or
    /// `monitor_cond_since` request against `schema` (OVS's
    /// `ovsdb_jsonrpc_monitor_create()` and `ovsdb_jsonrpc_parse_monitor_request()`),
    /// with OVS's errors and their order.
    ///
    /// Each table maps to one request object or an array of them. A request names
    /// `columns` (absent: every column but `_uuid`, `_version` included), `select`, and
    /// for conditional monitors `where`; several requests for one table must name
    /// disjoint columns, and the first one's `where` applies to the table.
    init(requests: JSONObject, schema: DatabaseSchema, version: MonitorVersion) throws(OVSDBError) {
        var tables: [MonitoredTable] = []
        for (name, value) in requests {
            guard let index = schema.tableIndex(named: name) else {
                throw OVSDBError(.syntaxError, "no table named \(name)")
            }
            var table = MonitoredTable(table: index, columns: [], select: [], condition: nil)
            var conditionSeen = false
            for request in value.arrayValue ?? [value] {
                try table.add(request: request, schema: schema.tables[index], conditional: version.isConditional,
                              conditionSeen: &conditionSeen)
            }
            table.columns.sort { $0.index < $1.index }
            tables.append(table)
        }
        self.init(format: version.format, tables: tables.sorted { $0.table < $1.table })
    }
}

extension MonitoredTable {
    /// Adds one `<monitor-request>` object for this table.
    fileprivate mutating func add(request: JSON, schema: TableSchema, conditional: Bool,
                                  conditionSeen: inout Bool) throws(OVSDBError) {
        var parser = MemberParser(request, name: "table \(schema.name)")
        let whereJSON = conditional ? parser.member("where", [.array, .optional]) : nil
        let columnsJSON = parser.member("columns", [.array, .optional])
        let selectJSON = parser.member("select", [.object, .optional])
        try parser.finish()

        let requestSelect = try selectJSON.map { json throws(OVSDBError) in try Self.selection(json, table: schema) } ?? .all
        select.formUnion(requestSelect)
        if let names = columnsJSON?.arrayValue, let columnsJSON {
            for name in names {
                guard case .string(let text) = name else {
                    throw OVSDBError.syntax(columnsJSON, "array of column names expected")
                }
                guard let column = schema.column(named: text) else {
                    throw OVSDBError.syntax(columnsJSON, "\(text) is not a valid column name")
                }
                try add(column, requestSelect, syntax: columnsJSON)
            }
        } else {
            for column in schema.columns where column.index != TableSchema.uuidColumn {
                try add(column, requestSelect, syntax: nil)
            }
        }
        if conditional {
            let condition = try Condition(json: whereJSON?.arrayValue ?? [], table: schema)
            if !conditionSeen {
                self.condition = condition.isTrue ? nil : condition
                conditionSeen = true
            }
        }
    }

    private mutating func add(_ column: ColumnSchema, _ select: MonitorSelection, syntax: JSON?) throws(OVSDBError) {
        guard !columns.contains(where: { $0.index == column.index }) else {
            throw OVSDBError.syntax(syntax, "column \(column.name) mentioned more than once")
        }
        columns.append(MonitoredColumn(index: column.index, select: select))
    }

    /// Parses a `<monitor-select>` object: optional Booleans `initial`, `insert`,
    /// `delete`, `modify`, each true by default.
    private static func selection(_ json: JSON, table: TableSchema) throws(OVSDBError) -> MonitorSelection {
        var parser = MemberParser(json, name: "table \(table.name) select")
        var select: MonitorSelection = []
        let kinds: [(String, MonitorSelection)] = [("initial", .initial), ("insert", .insert), ("delete", .delete), ("modify", .modify)]
        for (name, kind) in kinds where parser.member(name, [.boolean, .optional])?.boolValue ?? true {
            select.insert(kind)
        }
        try parser.finish()
        return select
    }
}
