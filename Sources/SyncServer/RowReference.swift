import OVSDB

/// One row of a database named by position: the index of its table in the schema and
/// its UUID. Reference counts, weak-reference bookkeeping and the transaction's list of
/// touched rows key rows this way (OVS keeps `struct ovsdb_row *` pointers instead).
public struct RowReference: Hashable, Sendable {
    /// The table's position in ``Database/schema``'s tables.
    public var table: Int
    /// The row's `_uuid`.
    public var uuid: OVSDBUUID

    /// The row `uuid` of the table at position `table`.
    public init(table: Int, uuid: OVSDBUUID) {
        self.table = table
        self.uuid = uuid
    }
}
