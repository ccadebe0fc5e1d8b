import HashTreeCollections
import OVSDB

/// One update being applied to a ``Replica``: the tables as they will be, and the row
/// each touched UUID had before. Nothing reaches the replica until ``commit(to:)``, so an
/// update that turns out to be inconsistent halfway leaves the replica as it was.
///
/// Recording the first old row and the last new row of each touched UUID makes every kind
/// of update report the true difference: an incremental update touches each row once; a
/// full snapshot clears the table and sets every row again, and rows that came back
/// unchanged drop out of the batch; a digest difference deletes a row's old version and
/// sets its new one.
struct ReplicaChanges {
    private(set) var tables: [String: ReplicaTable]
    private var originals: [String: [OVSDBUUID: Row?]] = [:]

    init(_ replica: Replica) {
        tables = replica.tables
    }

    /// The current row `uuid` of `table`.
    func row(_ table: String, _ uuid: OVSDBUUID) -> Row? {
        tables[table]?.rows[uuid]
    }

    /// Sets row `uuid` of `table` to `row` (nil: deletes it).
    mutating func set(_ table: String, _ uuid: OVSDBUUID, _ row: Row?) {
        guard tables[table] != nil else { return }
        let before = tables[table]?.rows[uuid]
        if originals[table, default: [:]].index(forKey: uuid) == nil {
            originals[table, default: [:]].updateValue(before, forKey: uuid)
        }
        tables[table]?.rows[uuid] = row
    }

    /// Deletes every row of every table (the start of a full snapshot).
    mutating func clear() {
        for (name, table) in tables {
            for uuid in table.rows.keys { set(name, uuid, nil) }
        }
    }

    /// Writes the tables to `replica`, updates its digest row by row, and returns what
    /// changed.
    func commit(to replica: inout Replica) -> ChangeBatch {
        var batch = ChangeBatch()
        for (name, touched) in originals {
            guard let table = tables[name] else { continue }
            for (uuid, original) in touched {
                let final = table.rows[uuid]
                guard original != final else { continue }
                batch.record(table: name, old: original.map { ReplicaRow(table: table.schema, row: $0) },
                             new: final.map { ReplicaRow(table: table.schema, row: $0) })
                replica.digest?.replace(table: name, uuid: uuid, with: final)
            }
        }
        replica.tables = tables
        return batch
    }
}
