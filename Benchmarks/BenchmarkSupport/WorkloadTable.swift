import OVSDB

/// The rows of one table of a generated database, in a deterministic order, with lookup
/// by UUID. Removal moves the last row into the hole, so the order after changes is
/// still a function of the seed.
public struct WorkloadTable: Sendable {
    /// The rows.
    public private(set) var rows: [WorkloadRow] = []
    private var positions: [OVSDBUUID: Int] = [:]

    /// An empty table.
    public init() {}

    /// The number of rows.
    public var count: Int { rows.count }

    /// The row with `uuid`, if present.
    public subscript(uuid: OVSDBUUID) -> WorkloadRow? {
        positions[uuid].map { rows[$0] }
    }

    /// Adds `row` (whose UUID must not be present).
    mutating func append(_ row: WorkloadRow) {
        positions[row.uuid] = rows.count
        rows.append(row)
    }

    /// Replaces the columns named in `changes` of the row with `uuid`.
    mutating func update(_ uuid: OVSDBUUID, with changes: JSONObject) {
        guard let position = positions[uuid] else { return }
        for (name, value) in changes {
            rows[position].columns[name] = value
        }
    }

    /// Removes the row with `uuid`.
    mutating func remove(_ uuid: OVSDBUUID) {
        guard let position = positions.removeValue(forKey: uuid) else { return }
        let last = rows.removeLast()
        if position < rows.count {
            rows[position] = last
            positions[last.uuid] = position
        }
    }
}
