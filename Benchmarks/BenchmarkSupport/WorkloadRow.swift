import OVSDB

/// One row of a generated database: its table, its UUID (chosen by the generator and
/// inserted with the `insert` operation's `uuid` member, so every server holds the same
/// UUIDs) and its non-default columns as an RFC 7047 `<row>` object.
public struct WorkloadRow: Hashable, Sendable {
    /// The row's table.
    public var table: String
    /// The row's UUID.
    public var uuid: OVSDBUUID
    /// The columns set by the generator, as a `<row>`.
    public var columns: JSONObject

    /// A row of `table` with `uuid` and `columns`.
    public init(table: String, uuid: OVSDBUUID, columns: JSONObject) {
        self.table = table
        self.uuid = uuid
        self.columns = columns
    }

    /// The `insert` operation that creates the row with its UUID (OVS 2.13+).
    public var insertOperation: JSON {
        ["op": "insert", "table": .string(table), "uuid": .string(uuid.description), "row": .object(columns)]
    }

    /// The `where` clause that selects exactly this row.
    public var whereClause: JSON {
        [["_uuid", "==", ["uuid", .string(uuid.description)]]]
    }

    /// The value of `key` in the map column `column` (`["map", [[key, value], ...]]`).
    public func mapValue(_ column: String, key: String) -> JSON? {
        columns[column]?[1]?.arrayValue?.first { $0[0]?.stringValue == key }?[1]
    }

    /// `["uuid", "<uuid>"]`: a reference to the row in a value.
    public var reference: JSON {
        ["uuid", .string(uuid.description)]
    }
}
