import OVSDB
import OVSTestSupport
@testable import SyncClient

extension ReplicaRow {
    /// The monitored columns of the row, by name.
    func contents(columns: [String]) -> [String: Datum] {
        Dictionary(uniqueKeysWithValues: columns.compactMap { name in self[name].map { (name, $0) } })
    }
}

/// Replays change batches on `contents`, checking every step: an insert of a row that is
/// not there, a modification whose old row is the current one and whose new row differs,
/// a delete of the current row. The result equals the replica after the batches only if
/// the callbacks reported every change, once, in order.
func replay(_ batches: [ChangeBatch], on contents: ReplicaContents, columns: [String: [String]]) throws -> ReplicaContents {
    var state = contents
    func fail(_ what: String) -> ToolFailure { ToolFailure(description: "replay: \(what)") }
    for batch in batches {
        for (table, changes) in batch.tables {
            let names = columns[table] ?? []
            for row in changes.inserted {
                guard state[table]?[row.uuid] == nil else { throw fail("insert of existing row \(row)") }
                state[table, default: [:]][row.uuid] = row.contents(columns: names)
            }
            for change in changes.modified {
                guard state[table]?[change.old.uuid] == change.old.contents(columns: names) else {
                    throw fail("modification of \(change.old) from another old row")
                }
                let new = change.new.contents(columns: names)
                guard new != change.old.contents(columns: names) else { throw fail("modification without a change: \(change.new)") }
                state[table]?[change.new.uuid] = new
            }
            for row in changes.deleted {
                guard state[table]?[row.uuid] == row.contents(columns: names) else { throw fail("delete of \(row), not current") }
                state[table]?[row.uuid] = nil
            }
        }
    }
    return state
}

/// The number of rows that differ between two contents (inserted, deleted or changed).
func differingRows(_ old: ReplicaContents, _ new: ReplicaContents) -> Int {
    Set(old.keys).union(new.keys).reduce(0) { total, table in
        let before = old[table] ?? [:]
        let after = new[table] ?? [:]
        return total + Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.count
    }
}

extension ReplicaSnapshot {
    /// The monitored column names of every table.
    var columnNames: [String: [String]] { tables.mapValues(\.columnNames) }
}
