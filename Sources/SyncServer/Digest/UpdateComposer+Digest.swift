import Digest
import NIOCore
import OVSDB

extension UpdateComposer {
    /// The `initial` rows of `rows` in `database`, as table-updates2: the `updates` of a
    /// `done` reply (Docs/digest-protocol.md section 3), written as the initial rows of
    /// `monitor_cond_since` are (defaults omitted, the monitored columns), so the client
    /// applies both alike. Rows that no longer match their table's condition, or whose
    /// table is not monitored, are left out; `{}` if none is left.
    func initial(_ rows: [Digest.RowReference], of database: Database) -> ByteBuffer {
        var uuidsByTable: [String: [OVSDBUUID]] = [:]
        for row in rows { uuidsByTable[row.table, default: []].append(row.uuid) }
        var writer = UpdateWriter(format: format)
        for plan in tables {
            guard let uuids = uuidsByTable[plan.schema.name] else { continue }
            let table = database.tables[plan.table]
            writer.beginTable(plan)
            for uuid in uuids.sorted() {
                guard let row = table.rows[uuid],
                      let kind = plan.kind(old: nil, new: row, initial: true, oldCondition: plan.condition) else { continue }
                writer.row(uuid, old: nil, new: row, kind: kind, plan: plan)
            }
            writer.endTable()
        }
        return writer.finish()
    }

    /// Bytes of table-updates2 JSON per row of a snapshot of `database` under this
    /// composer: what `ResyncPlanner.averageRowBytes` asks of the server, measured on up
    /// to `samples` rows of the view (looking at no more than 32 times as many), or 400
    /// (an OVN Logical_Flow row, the planner's default) for an empty view.
    func averageRowBytes(of database: Database, samples: Int = 64) -> Int {
        // `"<uuid>":{"initial":` ... `}` and the comma before it.
        let overhead = 52
        var bytes: [UInt8] = []
        var total = 0
        var sampled = 0
        var visited = 0
        for plan in tables where plan.select.contains(.initial) {
            for row in database.tables[plan.table].rows.values {
                visited += 1
                if visited > 32 * samples || sampled >= samples { break }
                guard plan.condition?.matchesAny(row) ?? true else { continue }
                sampled += 1
                bytes.removeAll(keepingCapacity: true)
                row.appendJSON(table: plan.schema, columns: plan.initialColumns, omittingDefaults: true, to: &bytes)
                total += overhead + bytes.count
            }
        }
        return sampled == 0 ? 400 : max(1, total / sampled)
    }
}
