import OVSDB

/// One monitored table arranged for writing updates: the columns that report each kind
/// of change, the condition, and the pre-serialized names.
///
/// Built once per ``MonitorGroup`` from its ``MonitoredTable``, so composing an update
/// never filters columns or quotes names again.
struct TablePlan: Sendable {
    /// The table's index in the schema.
    let table: Int
    /// The table's schema.
    let schema: TableSchema
    /// The kinds of change that produce a row update.
    let select: MonitorSelection
    /// The condition; nil when every row matches.
    let condition: Condition?
    /// The columns that report initial rows, inserts, deletes and modifications, in
    /// index order.
    let initialColumns: [Int]
    let insertColumns: [Int]
    let deleteColumns: [Int]
    let modifyColumns: [Int]
    /// `"<table>":`, ready to append.
    let quotedName: [UInt8]
    /// `"<column>":` for every column of the table, by index.
    let quotedColumnNames: [[UInt8]]

    init(_ monitored: MonitoredTable, schema: TableSchema) {
        table = monitored.table
        self.schema = schema
        select = monitored.select
        condition = monitored.condition
        func columns(_ kind: MonitorSelection) -> [Int] {
            monitored.columns.filter { $0.select.contains(kind) }.map(\.index)
        }
        initialColumns = columns(.initial)
        insertColumns = columns(.insert)
        deleteColumns = columns(.delete)
        modifyColumns = columns(.modify)
        quotedName = Self.quoted(schema.name)
        quotedColumnNames = schema.columns.map { Self.quoted($0.name) }
    }

    private static func quoted(_ name: String) -> [UInt8] {
        var bytes: [UInt8] = []
        JSONSerializer.appendString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        return bytes
    }

    /// The columns that report `kind`.
    func columns(for kind: MonitorSelection) -> [Int] {
        switch kind {
        case .initial: return initialColumns
        case .insert: return insertColumns
        case .delete: return deleteColumns
        default: return modifyColumns
        }
    }

    /// What a change of one row from `old` to `new` reports, if anything (OVS's
    /// `ovsdb_monitor_row_update_type_condition()`): a row matches a condition when it
    /// exists and satisfies one of its clauses. A modification of a row that enters the
    /// condition becomes an insert, one that leaves it a delete; a change of rows
    /// matching neither before nor after reports nothing. `oldCondition` differs from
    /// ``condition`` only while a `monitor_cond_change` is applied. The table's
    /// selection must include the result.
    func kind(old: Row?, new: Row?, initial: Bool, oldCondition: Condition?) -> MonitorSelection? {
        let base: MonitorSelection = initial ? .initial : old == nil ? .insert : new == nil ? .delete : .modify
        let oldMatches = old.map { oldCondition?.matchesAny($0) ?? true } ?? false
        let newMatches = new.map { condition?.matchesAny($0) ?? true } ?? false
        let kind: MonitorSelection?
        switch base {
        case .initial, .insert: kind = newMatches ? base : nil
        case .delete: kind = oldMatches ? base : nil
        default: kind = !oldMatches ? (newMatches ? .insert : nil) : (newMatches ? .modify : .delete)
        }
        guard let kind, select.contains(kind) else { return nil }
        return kind
    }
}
