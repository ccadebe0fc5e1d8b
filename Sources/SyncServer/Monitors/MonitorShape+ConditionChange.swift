import OVSDB

extension MonitorShape {
    /// This shape with the conditions of a `monitor_cond_change` request applied (OVS's
    /// `ovsdb_jsonrpc_parse_monitor_cond_change_request()`): `requests` maps monitored
    /// tables to arrays of `{"where": [...]}` objects, the last one winning; `columns`
    /// may not change. For a monitor without conditions (`conditional` false) the
    /// request is checked and its conditions ignored.
    func changingConditions(_ requests: JSONObject, schema: DatabaseSchema, conditional: Bool) throws(OVSDBError) -> MonitorShape {
        var shape = self
        for (name, value) in requests {
            guard let index = schema.tableIndex(named: name) else {
                throw OVSDBError(.syntaxError, "no table named \(name)")
            }
            guard let position = shape.tables.firstIndex(where: { $0.table == index }) else {
                throw OVSDBError(.syntaxError, "no table named \(name) in monitor session")
            }
            guard case .array(let changes) = value else {
                throw OVSDBError(.syntaxError, "table \(name) no monitor-cond-change JSON array")
            }
            for change in changes {
                var parser = MemberParser(change, name: "table \(name)")
                let columnsJSON = parser.member("columns", [.array, .optional])
                let whereJSON = parser.member("where", [.array, .optional])
                try parser.finish()
                guard columnsJSON == nil else {
                    throw OVSDBError.syntax(change, "changing columns is unsupported")
                }
                guard conditional else { continue }
                let condition = try Condition(json: whereJSON?.arrayValue ?? [], table: schema.tables[index])
                shape.tables[position].condition = condition.isTrue ? nil : condition
            }
        }
        return shape
    }
}
