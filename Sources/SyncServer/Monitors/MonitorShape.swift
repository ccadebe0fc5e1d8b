import OVSDB

/// Everything that decides the bytes of a monitor's updates: the row format, and per
/// table the monitored columns with their selections and the condition.
///
/// Two monitors with equal shapes on one database get byte-identical table updates
/// for every commit and the same initial rows, so they join one ``MonitorGroup`` that
/// serializes each update once (OVS's `ovsdb_monitor_add()` shares a `dbmon` the same
/// way, but leaves conditions out of the identity and composes conditional monitors per
/// session). Shapes are normalized so that requests differing only in the order of
/// their tables, columns or clauses compare equal: tables and columns by index,
/// conditions by OVS's clause order, an always-true condition as nil.
struct MonitorShape: Hashable, Sendable {
    /// The row format (v1, or v2 and v3 alike).
    var format: UpdateFormat
    /// The monitored tables, by table index.
    var tables: [MonitoredTable]

    /// The shape of the monitored table at `table`, if it is monitored.
    func table(_ table: Int) -> MonitoredTable? {
        tables.first { $0.table == table }
    }
}

/// What a monitor watches in one table (one entry of `<monitor-requests>`, merged over
/// the table's request objects).
struct MonitoredTable: Hashable, Sendable {
    /// The table's index in the schema.
    var table: Int
    /// The monitored columns, by column index, each with the kinds of change it reports
    /// (the `select` of the request that named it).
    var columns: [MonitoredColumn]
    /// The union of the selections of the table's requests: which kinds of change
    /// produce a row update at all.
    var select: MonitorSelection
    /// The `where` of a conditional monitor, clauses OR-ed (ovsdb-server(7) 4.1.12); nil
    /// when every row matches.
    var condition: Condition?
}

/// One monitored column.
struct MonitoredColumn: Hashable, Sendable {
    /// The column's index in its table.
    var index: Int
    /// The kinds of change it reports.
    var select: MonitorSelection
}
