import OVSDB

/// A row of a view, by table and UUID: what a decoded key stands for. The server sends
/// the rows only it has; the client deletes the rows only it has.
public struct RowReference: Hashable, Sendable, CustomStringConvertible {
    /// The table's name.
    public var table: String
    /// The row's UUID.
    public var uuid: OVSDBUUID

    /// A reference from its parts.
    public init(table: String, uuid: OVSDBUUID) {
        self.table = table
        self.uuid = uuid
    }

    /// `table/uuid`.
    public var description: String { "\(table)/\(uuid)" }
}
