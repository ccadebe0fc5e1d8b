import OVSDB

/// What the client monitors of one table: which columns it replicates and which rows
/// (RFC 7047 section 4.1.5 `<monitor-request>`, with Open vSwitch's `monitor_cond`
/// `where`). One per table in ``ClientConfiguration/tables``.
///
/// - Columns: an explicit list, or nil for every column the schema declares. `_uuid` is
///   always known (it names the row) and `_version` is never monitored: ovsdb-server
///   regenerates it on every restart (server-client.md, fact 8), which would make every
///   replica look changed and break digests.
/// - Condition: monitor semantics, not `transact` semantics: the clauses are OR-ed, a row
///   is replicated when any clause holds, and `[]` selects every row
///   (server-client.md section 5.2). Each clause is `[column, function, value]`, `true`
///   or `false`, as JSON. Against a server that only speaks plain `monitor` (no
///   conditions) every row is replicated, as in OVS's IDLs.
public struct MonitorRequest: Hashable, Sendable {
    /// The columns to replicate, or nil for every column of the table.
    public var columns: [String]?
    /// The condition's clauses (OR-ed; `[]` = every row).
    public var condition: [JSON]

    /// Monitors `columns` (nil: all) of the rows matching any clause of `condition`.
    public init(columns: [String]? = nil, where condition: [JSON] = []) {
        self.columns = columns
        self.condition = condition
    }

    /// Every column of every row.
    public static let all = MonitorRequest()
}
