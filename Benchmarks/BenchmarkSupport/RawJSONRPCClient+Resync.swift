import OVSDB

extension RawJSONRPCClient {
    /// The data a client holds after its first connection: the `monitor_cond_since`
    /// reply (from the zero id) to ``monitorRequests(everyTableOf:)``, parsed.
    public struct Snapshot: Sendable {
        /// The server's last transaction id (all zeros from a server without history).
        public var lastTransactionID: OVSDBUUID
        /// Every monitored row, as `table-updates2` with `initial` rows.
        public var updates: JSON
    }

    /// Monitors every table of `schema` with `monitor_cond_since` from the zero id and
    /// returns the parsed reply; the monitor is cancelled afterwards. Used to take the
    /// before and after snapshots of `digestsync-bench resync` and to build the replica
    /// its probes share.
    public func snapshot(database: String, schema: DatabaseSchema, timeout: Duration) async throws -> Snapshot {
        let monitorID: JSON = "snapshot"
        let params: [JSON] = [.string(database), monitorID, Self.monitorRequests(everyTableOf: schema),
                              .string(OVSDBUUID.zero.description)]
        let reply = try await call("monitor_cond_since", params, parseReply: true, timeout: timeout)
        if let error = reply.error { throw RawClientError.requestFailed(method: "monitor_cond_since", error: error) }
        guard let text = reply.result?[1]?.stringValue, let id = OVSDBUUID(text), let updates = reply.result?[2],
              updates.objectValue != nil else {
            throw RawClientError.protocolViolation("monitor_cond_since reply is not [found, last-txn-id, table-updates2]")
        }
        _ = try await call("monitor_cancel", [monitorID], timeout: timeout)
        return Snapshot(lastTransactionID: id, updates: updates)
    }

    /// Waits until the server reports `database` ready in its `_Server` database
    /// (ovsdb-server(5), `Database` table): `connected`, and `leader` for a clustered
    /// one, which a restarted one-member cluster becomes after its election timeout.
    /// Throws ``RawClientError/timedOut(seconds:)`` if that takes longer than `timeout`.
    public func waitUntilReady(database: String, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        let select: JSON = ["op": "select", "table": "Database", "where": [["name", "==", .string(database)]],
                            "columns": ["connected", "leader"]]
        while true {
            let reply = try await call("transact", ["_Server", select], timeout: timeout)
            let row = reply.result?[0]?["rows"]?[0]
            if row?["connected"]?.boolValue == true, row?["leader"]?.boolValue == true { return }
            guard ContinuousClock.now < deadline else { throw RawClientError.timedOut(seconds: timeout.seconds) }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
