/// The three monitor flavours of the OVSDB protocol (ovsdb-server(7) sections 4.1.5,
/// 4.1.12 and 4.1.15): which request creates them, which notification carries their
/// updates, and in which row format.
enum MonitorVersion: Sendable {
    /// `monitor` (RFC 7047 section 4.1.5): `update` notifications, rows as `new`/`old`.
    case v1
    /// `monitor_cond`: conditions, `update2` notifications, rows as
    /// `initial`/`insert`/`modify`/`delete` with column diffs.
    case v2
    /// `monitor_cond_since`: as v2, plus a transaction id in each `update3` and a
    /// resume point in the request.
    case v3

    /// The request method that creates a monitor of this version.
    var method: String {
        switch self {
        case .v1: return "monitor"
        case .v2: return "monitor_cond"
        case .v3: return "monitor_cond_since"
        }
    }

    /// The notification method of its updates.
    var notification: String {
        switch self {
        case .v1: return "update"
        case .v2: return "update2"
        case .v3: return "update3"
        }
    }

    /// The row format of its updates: v2 and v3 share one, so their monitors can share
    /// serialized bodies.
    var format: UpdateFormat {
        self == .v1 ? .rows : .diffs
    }

    /// True if the monitor takes `where` conditions.
    var isConditional: Bool {
        self != .v1
    }
}

/// How a table update describes a row.
enum UpdateFormat: Hashable, Sendable {
    /// `<row-update>` of RFC 7047: `{"new": row, "old": row}`.
    case rows
    /// `<row-update2>` of ovsdb-server(7): `{"initial"|"insert"|"modify": row}` or
    /// `{"delete": null}`, modifications as column diffs.
    case diffs
}
