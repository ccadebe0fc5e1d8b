import OVSDB

/// The difference between two snapshots of a database, as the rows a client that held
/// the first must receive to hold the second: the yardstick `digestsync-bench resync`
/// divides every strategy's bytes by (`differing_rows_json_bytes`).
///
/// Snapshots are `table-updates2` objects whose rows are all `initial` (what
/// `monitor_cond` and `monitor_cond_since` reply with, ovsdb-server(7) 4.1.12 and
/// 4.1.15): `{"<table>": {"<uuid>": {"initial": <row>}, ...}, ...}`. Rows are compared as
/// JSON values, members in any order, so two snapshots from the same server compare row
/// by row. The difference is written as `table-updates2` with full rows: `initial` with
/// the new row for an inserted or modified row, `delete` (null) for a deleted one.
/// Tables and rows come in sorted order, so the size does not depend on hashing.
public struct SnapshotDifference: Sendable {
    /// Rows only in the second snapshot.
    public private(set) var inserted = 0
    /// Rows in both whose values differ.
    public private(set) var modified = 0
    /// Rows only in the first snapshot.
    public private(set) var deleted = 0
    /// The difference as `table-updates2` (an empty object when nothing differs).
    public private(set) var updates: JSON = .object(JSONObject())

    /// Compares `before` with `after`; throws if either is not a snapshot as above.
    public init(before: JSON, after: JSON) throws(SnapshotError) {
        let old = try Self.rows(of: before, name: "before")
        let new = try Self.rows(of: after, name: "after")
        var tables = JSONObject()
        for table in Set(old.keys).union(new.keys).sorted() {
            let oldRows = old[table] ?? [:]
            let newRows = new[table] ?? [:]
            var changes = JSONObject()
            for uuid in Set(oldRows.keys).union(newRows.keys).sorted() {
                switch (oldRows[uuid], newRows[uuid]) {
                case (nil, let row?):
                    inserted += 1
                    changes[uuid] = ["initial": row]
                case (let previous?, let row?) where previous != row:
                    modified += 1
                    changes[uuid] = ["initial": row]
                case (_?, nil):
                    deleted += 1
                    changes[uuid] = ["delete": .null]
                default:
                    break
                }
            }
            if !changes.isEmpty { tables[table] = .object(changes) }
        }
        updates = .object(tables)
    }

    /// Rows inserted, modified or deleted.
    public var rowCount: Int { inserted + modified + deleted }

    /// Size of ``updates`` as compact JSON, 0 when nothing differs.
    public var jsonBytes: Int {
        rowCount == 0 ? 0 : updates.serialized().count
    }

    /// The rows of a snapshot: table name to row UUID text to row.
    private static func rows(of snapshot: JSON, name: String) throws(SnapshotError) -> [String: [String: JSON]] {
        guard let tables = snapshot.objectValue else { throw .notAnObject(name) }
        var result: [String: [String: JSON]] = [:]
        for (table, value) in tables {
            guard let rows = value.objectValue else { throw .malformedTable(name, table: table) }
            var byUUID: [String: JSON] = [:]
            byUUID.reserveCapacity(rows.count)
            for (uuid, update) in rows {
                guard OVSDBUUID(uuid) != nil, let row = update["initial"], row.objectValue != nil else {
                    throw .malformedRow(name, table: table, uuid: uuid)
                }
                byUUID[uuid] = row
            }
            result[table] = byUUID
        }
        return result
    }
}

/// Why a ``SnapshotDifference`` could not be computed.
public enum SnapshotError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The snapshot is not a JSON object.
    case notAnObject(String)
    /// A table's value is not an object of rows.
    case malformedTable(String, table: String)
    /// A row is not `{"initial": {...}}` under a UUID.
    case malformedRow(String, table: String, uuid: String)

    /// What is wrong, and in which snapshot.
    public var description: String {
        switch self {
        case .notAnObject(let name): return "snapshot \(name): not a table-updates2 object"
        case .malformedTable(let name, let table): return "snapshot \(name): table \(table) is not an object of rows"
        case .malformedRow(let name, let table, let uuid):
            return "snapshot \(name): row \(table) \(uuid.prefix(40)) is not {\"initial\": <row>} under a UUID"
        }
    }
}
