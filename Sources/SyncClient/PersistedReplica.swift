import OVSDB

/// What a replica file holds (``ReplicaStore``): the rows, the schema they were built
/// with, the monitor requests they answer, and the transaction id they reflect.
struct PersistedReplica: Sendable {
    /// The schema of the rows.
    var schema: DatabaseSchema
    /// The monitor requests of the configuration, with the conditions the rows were
    /// selected by.
    var requests: [String: MonitorRequest]
    /// The transaction id the rows reflect; zero when the server keeps none, or when a
    /// condition change was pending (then the rows may not match the conditions saved).
    var lastTransactionID: OVSDBUUID
    /// The monitored tables and their rows.
    var tables: [String: ReplicaTable]
}

extension ConnectionStateMachine {
    /// The replica as a replica file should hold it, once it holds data from a server.
    /// Its rows always go with its transaction id (both change in one step); only the
    /// conditions may be ahead of the rows while a change is pending, and then the id is
    /// saved as zero so that a restart fetches in full (or reconciles by digest).
    var persistentState: PersistedReplica? {
        guard replica.isPrimed, let schema = replica.schema else { return nil }
        var requests = configuration.tables
        for (name, clauses) in conditions.acked { requests[name]?.condition = clauses }
        return PersistedReplica(schema: schema, requests: requests,
                                lastTransactionID: conditions.hasPending ? .zero : replica.lastTransactionID,
                                tables: replica.tables)
    }
}
