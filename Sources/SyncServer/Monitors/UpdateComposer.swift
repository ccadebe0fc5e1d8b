import NIOCore
import OVSDB

/// Serializes the table updates of one monitor shape: the initial rows, the update for
/// a committed ``ChangeSet``, and the update a condition change causes (RFC 7047
/// `<table-updates>` for v1, ovsdb-server(7) `<table-updates2>` for v2 and v3).
///
/// Rows are written straight into bytes (``Row/appendJSON(table:columns:omittingDefaults:to:)``),
/// never through ``JSON`` trees, so a snapshot of tens of megabytes costs one pass. The
/// result is a body that every member of a ``MonitorGroup`` wraps in its own envelope.
/// Tables come in schema order; rows in the order of the change set, or for a snapshot
/// in the table's own order.
struct UpdateComposer: Sendable {
    /// The row format.
    let format: UpdateFormat
    /// The monitored tables, by table index.
    let tables: [TablePlan]

    /// A composer for `shape` on a database of `schema`.
    init(shape: MonitorShape, schema: DatabaseSchema) {
        format = shape.format
        tables = shape.tables.map { TablePlan($0, schema: schema.tables[$0.table]) }
    }

    /// The initial rows of `database`: every row that matches its table's condition, in
    /// tables whose selection includes `initial`; `{}` if none.
    func initial(_ database: Database) -> ByteBuffer {
        var writer = UpdateWriter(format: format)
        for plan in tables where plan.select.contains(.initial) {
            writer.beginTable(plan)
            for (uuid, row) in database.tables[plan.table].rows where plan.condition?.matchesAny(row) ?? true {
                writer.row(uuid, old: nil, new: row, kind: .initial, plan: plan)
            }
            writer.endTable()
        }
        return writer.finish()
    }

    /// The update `changes` causes, or nil if it reports nothing.
    func update(_ changes: ChangeSet) -> ByteBuffer? {
        var writer = UpdateWriter(format: format)
        var planIndex = 0
        for tableChanges in changes.tables {
            while planIndex < tables.count && tables[planIndex].table < tableChanges.table { planIndex += 1 }
            guard planIndex < tables.count, tables[planIndex].table == tableChanges.table else { continue }
            let plan = tables[planIndex]
            writer.beginTable(plan)
            for change in tableChanges.rows {
                guard let kind = plan.kind(old: change.old, new: change.new, initial: false, oldCondition: plan.condition) else {
                    continue
                }
                writer.row(change.uuid, old: change.old, new: change.new, kind: kind, plan: plan)
            }
            writer.endTable()
        }
        return writer.isEmpty ? nil : writer.finish()
    }

    /// The update that replacing the conditions `oldConditions` (by table index) with
    /// this composer's conditions causes on `database`: an insert for each row that
    /// matches only the new condition, a delete for each row that matched only the old
    /// one (OVS rescans every row of each changed table the same way). Nil if nothing
    /// changes.
    func conditionChange(_ database: Database, oldConditions: [Int: Condition?]) -> ByteBuffer? {
        var writer = UpdateWriter(format: format)
        for plan in tables {
            guard let oldCondition = oldConditions[plan.table], oldCondition != plan.condition else { continue }
            writer.beginTable(plan)
            for (uuid, row) in database.tables[plan.table].rows {
                guard let kind = plan.kind(old: row, new: row, initial: false, oldCondition: oldCondition),
                      kind != .modify else { continue }
                writer.row(uuid, old: row, new: row, kind: kind, plan: plan)
            }
            writer.endTable()
        }
        return writer.isEmpty ? nil : writer.finish()
    }
}
