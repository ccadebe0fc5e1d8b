/// Which kinds of change a monitored column reports: the `select` member of a monitor
/// request (RFC 7047 section 4.1.5, `<monitor-select>`; OVS's
/// `enum ovsdb_monitor_selection`). Every kind defaults to true.
struct MonitorSelection: OptionSet, Hashable, Sendable {
    let rawValue: UInt8

    /// Rows present when the monitor starts (the reply's rows).
    static let initial = MonitorSelection(rawValue: 1 << 0)
    /// Rows inserted (or, for a conditional monitor, entering its condition).
    static let insert = MonitorSelection(rawValue: 1 << 1)
    /// Rows deleted (or leaving the condition).
    static let delete = MonitorSelection(rawValue: 1 << 2)
    /// Rows modified.
    static let modify = MonitorSelection(rawValue: 1 << 3)
    /// Every kind: the default.
    static let all: MonitorSelection = [.initial, .insert, .delete, .modify]
}
