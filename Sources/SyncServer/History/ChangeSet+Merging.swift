import OVSDB

extension ChangeSet {
    /// The net effect of `changeSets` committed in order, as one change set: per row the
    /// value before the first and after the last, rows that end as they began (or were
    /// inserted and deleted again) left out. What a `monitor_cond_since` that resumes
    /// after several transactions reports (OVS merges them the same way into one change
    /// set per monitor).
    static func merging(_ changeSets: [ChangeSet]) -> ChangeSet {
        if changeSets.count == 1 { return changeSets[0] }
        var schemas: [Int: TableSchema] = [:]
        var rows: [Int: [OVSDBUUID: RowChange]] = [:]
        for changeSet in changeSets {
            for table in changeSet.tables {
                schemas[table.table] = table.schema
                for change in table.rows {
                    if let earlier = rows[table.table]?[change.uuid] {
                        rows[table.table]?[change.uuid] = RowChange(uuid: change.uuid, old: earlier.old, new: change.new)
                    } else {
                        rows[table.table, default: [:]][change.uuid] = change
                    }
                }
            }
        }
        let tables = rows.keys.sorted().compactMap { table -> TableChanges? in
            guard let schema = schemas[table] else { return nil }
            let changed = (rows[table] ?? [:]).values.filter { $0.old != $0.new }.sorted { $0.uuid < $1.uuid }
            return changed.isEmpty ? nil : TableChanges(table: table, schema: schema, rows: changed)
        }
        return ChangeSet(tables: tables)
    }
}
