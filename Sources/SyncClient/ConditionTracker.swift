import OVSDB

/// The monitor conditions of every table and where each stands with the server: OVS's
/// acked, requested and new conditions (`ovsdb_cs_db_table`; server-client.md section
/// 10.4), and the sequence numbers that tell ``SyncClient/setCondition(table:where:)``
/// callers when the server has applied theirs.
///
/// Conditions are kept as the JSON clauses the caller gave (monitor semantics: OR-ed,
/// `[]` = every row); they are parsed against the schema when a request is built.
struct ConditionTracker: Sendable {
    /// One table's conditions.
    struct TableConditions: Sendable {
        /// The condition the server applies now.
        var acked: [JSON]
        /// The condition sent with the outstanding `monitor_cond_change`.
        var requested: [JSON]?
        /// A condition set since, not sent yet.
        var new: [JSON]?

        /// The condition the caller wants.
        var latest: [JSON] { new ?? requested ?? acked }
    }

    private(set) var tables: [String: TableConditions]
    /// Bumped by every ``set(table:condition:)``.
    private(set) var sequence = 0
    /// Every condition set up to this number is in force on the server.
    private(set) var ackedSequence = 0
    /// The number covered by the outstanding `monitor_cond_change`.
    private var changeSequence: Int?
    /// The number covered by the outstanding data monitor request.
    private var monitorSequence: Int?

    /// The conditions of the configuration, all considered acked.
    init(requests: [String: MonitorRequest]) {
        tables = requests.mapValues { TableConditions(acked: $0.condition) }
    }

    /// The condition in force (or about to be) for each table: what monitor requests carry.
    var acked: [String: [JSON]] { tables.mapValues(\.acked) }

    /// True if a `monitor_cond_change` is outstanding.
    var isChangeInFlight: Bool { changeSequence != nil }

    /// True if some table has a condition not yet acked.
    var hasPending: Bool { tables.values.contains { $0.new != nil || $0.requested != nil } }

    /// Records the caller's new condition for `table` and returns the sequence number to
    /// wait for. Setting the condition the table already heads for changes nothing.
    mutating func set(table: String, condition: [JSON]) -> Int {
        guard var conditions = tables[table], conditions.latest != condition else { return sequence }
        conditions.new = condition
        tables[table] = conditions
        sequence += 1
        return sequence
    }

    /// What OVS's `ovsdb_cs_db_sync_condition` does when a connection starts over. With
    /// no transaction id (`promote`), every newer condition becomes the acked one and goes
    /// into the monitor request. Otherwise the acked ones go into `monitor_cond_since`
    /// (rows that match a newer condition but did not change since the id would be
    /// missed), and a change that was in flight is requeued; the server may or may not
    /// have applied it, so the result is true: the caller must forget its transaction id.
    mutating func restart(promote: Bool) -> Bool {
        changeSequence = nil
        var forgetTransactionID = false
        for (name, var conditions) in tables {
            if promote {
                conditions.acked = conditions.latest
                conditions.new = nil
                conditions.requested = nil
            } else if let requested = conditions.requested {
                conditions.new = conditions.new ?? requested
                conditions.requested = nil
                forgetTransactionID = true
            }
            tables[name] = conditions
        }
        monitorSequence = promote ? sequence : ackedSequence
        return forgetTransactionID
    }

    /// The data monitor request was answered: the conditions it carried are in force.
    mutating func monitorAcknowledged() {
        if let monitorSequence { ackedSequence = max(ackedSequence, monitorSequence) }
        monitorSequence = nil
    }

    /// The monitor cannot carry conditions (plain `monitor`, every row replicated): every
    /// condition counts as acked, so nobody waits for a change that cannot happen, and
    /// the newest ones go into the next connection's request.
    mutating func acknowledgeAllWithoutServer() {
        _ = restart(promote: true)
        ackedSequence = sequence
        monitorSequence = nil
    }

    /// The conditions to send with `monitor_cond_change`, by table, if some are new and
    /// none is in flight; they become the requested ones.
    mutating func startChange() -> [String: [JSON]]? {
        guard changeSequence == nil else { return nil }
        var change: [String: [JSON]] = [:]
        for (name, var conditions) in tables {
            guard let new = conditions.new else { continue }
            conditions.requested = new
            conditions.new = nil
            tables[name] = conditions
            change[name] = new
        }
        guard !change.isEmpty else { return nil }
        changeSequence = sequence
        return change
    }

    /// The server answered the `monitor_cond_change`: the requested conditions are acked.
    mutating func changeAcknowledged() {
        for (name, var conditions) in tables {
            guard let requested = conditions.requested else { continue }
            conditions.acked = requested
            conditions.requested = nil
            tables[name] = conditions
        }
        if let changeSequence { ackedSequence = max(ackedSequence, changeSequence) }
        changeSequence = nil
    }

    /// The server refused the `monitor_cond_change`, so the acked conditions stay; returns
    /// the sequence number the refused change covered (its waiters fail).
    mutating func changeRefused() -> Int {
        for (name, var conditions) in tables where conditions.requested != nil {
            conditions.requested = nil
            tables[name] = conditions
        }
        let refused = changeSequence ?? ackedSequence
        changeSequence = nil
        ackedSequence = max(ackedSequence, refused)
        return refused
    }
}
