import Digest
import OVSDB

/// The start of every connection: the `_Server` database, its row for our database, and
/// the data schema (OVS's states SERVER_SCHEMA_REQUESTED, SERVER_MONITOR_REQUESTED and
/// DATA_SCHEMA_REQUESTED; server-client.md sections 7 and 10.1).
extension ConnectionStateMachine {
    /// The connection is open: settle the conditions for this connection (OVS's
    /// `ovsdb_cs_db_sync_condition`) and ask for the `_Server` schema.
    mutating func beginHandshake() {
        emit(.stateChanged(.synchronizing(remote)))
        // A digest exchange reconciles whatever the replica holds, so it can carry the
        // newest conditions; but if it falls back to monitor_cond_since, rows entering a
        // newer condition unchanged since the transaction id would be missed, so the id
        // goes too (only when a condition change is pending, which is rare).
        if willOfferDigest && conditions.hasPending {
            replica.lastTransactionID = .zero
        }
        if conditions.restart(promote: replica.lastTransactionID == .zero) {
            replica.lastTransactionID = .zero
        }
        monitors = [:]
        serverReplica = nil
        phase = .serverSchemaRequested
        send("get_schema", ["_Server"], as: .serverSchema)
    }

    /// True if this connection will start with a digest exchange: digests are wanted
    /// and the replica holds data worth reconciling.
    var willOfferDigest: Bool {
        configuration.digestMode != .off && replica.isPrimed && replica.digest != nil
    }

    mutating func handleServerSchemaReply(_ result: Result<JSON, ErrorReply>) {
        guard case .success = result else {
            // No _Server database (an old server): OVS goes to get_schema of the data
            // database and never tries monitor_cond_since.
            logger.debug("\(remote) has no _Server database")
            requestDataSchema()
            return
        }
        let databaseTable = DatabaseSchema.server.table(named: "Database")
        guard let databaseTable,
              let monitor = try? TableMonitor(table: databaseTable,
                                             request: MonitorRequest(columns: ServerDatabaseCheck.columns)) else {
            requestDataSchema()
            return
        }
        serverReplica = Replica(schema: .server, monitors: ["Database": monitor], conditions: [:])
        phase = .serverMonitorRequested
        send("monitor_cond", ["_Server", Self.serverMonitorID, ["Database": [monitor.requestJSON(condition: nil)]]],
             as: .serverMonitor)
    }

    mutating func handleServerMonitorReply(_ result: Result<JSON, ErrorReply>) {
        guard case .success(let updates) = result, var server = serverReplica else {
            // monitor_cond refused (monitor_cond disabled, or an old server): as OVS,
            // continue without _Server.
            serverReplica = nil
            requestDataSchema()
            return
        }
        do {
            _ = try server.replace(with: updates, format: .diffs)
        } catch {
            abandon("malformed _Server monitor reply: \(error)")
            return
        }
        serverReplica = server
        switch checkServerDatabase() {
        case .usable(let schemaText, _):
            do {
                let schema = try DatabaseSchema(json: try JSON(parsing: schemaText, limits: configuration.messageLimits))
                try useSchema(schema)
            } catch {
                abandon("cannot use the schema of \(configuration.database) from _Server: \(error)")
                return
            }
            startDataMonitor()
        case .unusable(let reason):
            abandon("\(remote): \(reason)")
        }
    }

    /// Judges the `_Server` row and remembers the newest Raft index seen.
    mutating func checkServerDatabase() -> ServerDatabaseCheck.Verdict {
        let check = ServerDatabaseCheck(database: configuration.database, leaderOnly: configuration.leaderOnly)
        let verdict = check.verdict(server: serverReplica?.tables["Database"], minimumIndex: minimumIndex)
        if case .usable(_, let index?) = verdict { minimumIndex = max(minimumIndex, index) }
        return verdict
    }

    private mutating func requestDataSchema() {
        phase = .dataSchemaRequested
        send("get_schema", [.string(configuration.database)], as: .dataSchema)
    }

    mutating func handleDataSchemaReply(_ result: Result<JSON, ErrorReply>) {
        switch result {
        case .failure(let reply):
            abandon("get_schema \(configuration.database) failed: \(reply.error)")
        case .success(let json):
            do {
                try useSchema(try DatabaseSchema(json: json))
            } catch {
                abandon("cannot use the schema of \(configuration.database): \(error)")
                return
            }
            startDataMonitor()
        }
    }

    /// Adopts the server's schema. A replica built with an equivalent schema keeps it
    /// (its rows are indexed by its own column order); another schema discards the
    /// replica, reporting its rows deleted, and forgets the transaction id. Throws if the
    /// monitor requests or the conditions do not fit the schema.
    mutating func useSchema(_ schema: DatabaseSchema) throws(SyncClientError) {
        if let current = replica.schema, current.digestFingerprint == schema.digestFingerprint {
            monitors = try Self.resolve(configuration.tables, in: current)
            _ = try parsed(conditions.tables.mapValues(\.latest))
            return
        }
        if replica.schema != nil { logger.info("the schema of \(configuration.database) changed: full resync") }
        monitors = try Self.resolve(configuration.tables, in: schema)
        _ = try parsed(conditions.tables.mapValues(\.latest))
        replaceReplica(with: Replica(schema: schema, monitors: monitors, conditions: try parsed(conditions.acked)))
    }

    /// The monitor requests of `requests` resolved against `schema`.
    static func resolve(_ requests: [String: MonitorRequest],
                        in schema: DatabaseSchema) throws(SyncClientError) -> [String: TableMonitor] {
        var monitors: [String: TableMonitor] = [:]
        for (name, request) in requests {
            guard let table = schema.table(named: name) else {
                throw .invalidConfiguration("database \(schema.name) has no table \(name)")
            }
            monitors[name] = try TableMonitor(table: table, request: request)
        }
        return monitors
    }

    /// `clauses` parsed against the monitored tables.
    func parsed(_ clauses: [String: [JSON]]) throws(SyncClientError) -> [String: Condition] {
        var result: [String: Condition] = [:]
        for (name, json) in clauses {
            guard let monitor = monitors[name] else { throw .unknownTable(name) }
            do {
                result[name] = try Condition(json: json, table: monitor.table)
            } catch {
                throw .invalidCondition(table: name, error: error)
            }
        }
        return result
    }
}
