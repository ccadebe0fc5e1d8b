import Digest
import HashTreeCollections
import OVSDB

/// Which row format a table-updates object uses.
enum UpdateFormat: Sendable {
    /// `<table-updates>` of `monitor` and `update` (RFC 7047 section 4.1.6): `old` and
    /// `new` rows, `new` with every monitored column.
    case rows
    /// `<table-updates2>` of `monitor_cond`, `update2`, `update3` and the digest replies
    /// (OVS's ovsdb-server(7) 4.1.14): one of `initial`, `insert`, `modify` (column diffs)
    /// or `delete` per row.
    case diffs
}

extension Replica {
    /// Applies an update notification, or a `monitor_cond_since` reply with found=true,
    /// to the rows the replica holds. An insert of a row the replica has, or a change of a
    /// row it lacks, is an inconsistency (OVS's "cannot add existing row", "cannot modify
    /// missing row", "cannot delete missing row").
    mutating func apply(_ updates: JSON, format: UpdateFormat) throws(ReplicaError) -> ChangeBatch {
        var changes = ReplicaChanges(self)
        try Self.forEachRow(in: updates, tables: tables) { (table, uuid, change) throws(ReplicaError) in
            let old = changes.row(table.name, uuid)
            let new = try format == .rows
                ? Self.applyRowUpdate(change, to: old, uuid: uuid, table: table)
                : Self.applyRowUpdate2(change, to: old, uuid: uuid, table: table)
            changes.set(table.name, uuid, new)
        }
        return changes.commit(to: &self)
    }

    /// Replaces every row with the snapshot `updates` (a monitor reply, or
    /// `monitor_cond_since` with found=false): every row must be new (`initial` or
    /// `insert`, or a row update with only `new`). The batch holds the difference from
    /// the rows held before.
    mutating func replace(with updates: JSON, format: UpdateFormat) throws(ReplicaError) -> ChangeBatch {
        var changes = ReplicaChanges(self)
        changes.clear()
        try Self.forEachRow(in: updates, tables: tables) { (table, uuid, change) throws(ReplicaError) in
            let new = try format == .rows
                ? Self.applyRowUpdate(change, to: nil, uuid: uuid, table: table)
                : Self.applyRowUpdate2(change, to: nil, uuid: uuid, table: table)
            changes.set(table.name, uuid, new)
        }
        isPrimed = true
        return changes.commit(to: &self)
    }

    /// Applies the difference a digest exchange found: deletes `deletedRows`, then sets
    /// each `initial` row of `updates`, replacing the row of its UUID if there is one
    /// (Docs/digest-protocol.md, `done`).
    mutating func applyDifference(deleting deletedRows: [RowReference], updates: JSON) throws(ReplicaError) -> ChangeBatch {
        var changes = ReplicaChanges(self)
        for reference in deletedRows {
            guard changes.row(reference.table, reference.uuid) != nil else {
                throw .inconsistent("cannot delete missing row \(reference.uuid) from table \(reference.table)")
            }
            changes.set(reference.table, reference.uuid, nil)
        }
        try Self.forEachRow(in: updates, tables: tables) { (table, uuid, change) throws(ReplicaError) in
            guard case .object(let members) = change, members.count == 1, let values = members["initial"] else {
                throw .malformed("row \(uuid) of a digest difference must be {\"initial\": <row>}")
            }
            changes.set(table.name, uuid, try Self.newRow(values, uuid: uuid, table: table))
        }
        return changes.commit(to: &self)
    }

    /// Calls `body` with the table, UUID and row update of every row of `updates`.
    private static func forEachRow(in updates: JSON, tables: [String: ReplicaTable],
                                   _ body: (ReplicaTable, OVSDBUUID, JSON) throws(ReplicaError) -> Void) throws(ReplicaError) {
        guard case .object(let tableUpdates) = updates else { throw .malformed("table updates must be an object") }
        for (name, rows) in tableUpdates {
            guard let table = tables[name] else { throw .unknownTable(name) }
            guard case .object(let rowUpdates) = rows else { throw .malformed("updates of table \(name) must be an object") }
            for (uuidText, change) in rowUpdates {
                guard let uuid = OVSDBUUID(uuidText) else { throw .malformed("\"\(uuidText)\" is not a UUID") }
                try body(table, uuid, change)
            }
        }
    }

    /// A `<row-update>` (`monitor`): `new` only inserts, `old` only deletes, both modify
    /// (`new` holds every monitored column).
    private static func applyRowUpdate(_ change: JSON, to old: Row?, uuid: OVSDBUUID,
                                       table: ReplicaTable) throws(ReplicaError) -> Row? {
        guard case .object(let members) = change else { throw .malformed("row update of \(uuid) must be an object") }
        switch (members["old"], members["new"]) {
        case (nil, let values?):
            guard old == nil else { throw .inconsistent("cannot add existing row \(uuid) to table \(table.name)") }
            return try newRow(values, uuid: uuid, table: table)
        case (_?, nil):
            guard old != nil else { throw .inconsistent("cannot delete missing row \(uuid) from table \(table.name)") }
            return nil
        case (_?, let values?):
            guard var row = old else { throw .inconsistent("cannot modify missing row \(uuid) in table \(table.name)") }
            try setColumns(values, of: &row, uuid: uuid, table: table, asDiff: false)
            return row
        case (nil, nil):
            throw .malformed("row update of \(uuid) has neither \"old\" nor \"new\"")
        }
    }

    /// A `<row-update2>` (`monitor_cond`): exactly one of `initial`, `insert`, `modify`
    /// (column diffs, OVS's `ovsdb_datum_apply_diff`) or `delete`.
    private static func applyRowUpdate2(_ change: JSON, to old: Row?, uuid: OVSDBUUID,
                                        table: ReplicaTable) throws(ReplicaError) -> Row? {
        guard case .object(let members) = change, members.count == 1, let (kind, values) = members.first else {
            throw .malformed("row update of \(uuid) must be an object with one member")
        }
        switch kind {
        case "initial", "insert":
            guard old == nil else { throw .inconsistent("cannot add existing row \(uuid) to table \(table.name)") }
            return try newRow(values, uuid: uuid, table: table)
        case "modify":
            guard var row = old else { throw .inconsistent("cannot modify missing row \(uuid) in table \(table.name)") }
            try setColumns(values, of: &row, uuid: uuid, table: table, asDiff: true)
            return row
        case "delete":
            guard old != nil else { throw .inconsistent("cannot delete missing row \(uuid) from table \(table.name)") }
            return nil
        default:
            throw .malformed("row update of \(uuid) has unknown kind \"\(kind)\"")
        }
    }

    /// A row of `table` with default values and the monitored columns of `values` set
    /// (update2 rows omit columns at their default).
    static func newRow(_ values: JSON, uuid: OVSDBUUID, table: ReplicaTable) throws(ReplicaError) -> Row {
        var row = Row(table: table.schema, uuid: uuid)
        try setColumns(values, of: &row, uuid: uuid, table: table, asDiff: false)
        return row
    }

    /// Sets the monitored columns named in the `<row>` object `values`; with `asDiff`,
    /// a composite column's value is a diff to apply (parsed with no size bounds, as OVS's
    /// `ovsdb_transient_datum_from_json` does). Columns the client does not monitor are
    /// ignored.
    private static func setColumns(_ values: JSON, of row: inout Row, uuid: OVSDBUUID, table: ReplicaTable,
                                   asDiff: Bool) throws(ReplicaError) {
        guard case .object(let members) = values else { throw .malformed("row \(uuid) must be an object") }
        for (name, value) in members {
            guard let index = table.schema.columnIndex(named: name) else {
                throw .malformed("table \(table.name) has no column \(name)")
            }
            guard table.isMonitored[index] else { continue }
            let type = table.schema.columns[index].type
            do {
                if asDiff && type.isComposite {
                    let diff = try Datum(json: value, type: type.withSize(min: 0, max: ColumnType.unlimited))
                    row[index] = try row[index].applying(diff: diff, type: type)
                } else {
                    row[index] = try Datum(json: value, type: type)
                }
            } catch {
                throw .invalidValue(table: table.name, uuid: uuid, error: error)
            }
        }
    }
}
