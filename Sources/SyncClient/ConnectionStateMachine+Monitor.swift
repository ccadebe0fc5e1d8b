import OVSDB

/// The data monitor: the request and its fallbacks, the updates, and condition changes
/// (OVS's DATA_MONITOR_*_REQUESTED and MONITORING states; server-client.md sections 5,
/// 6 and 10).
extension ConnectionStateMachine {
    /// The schema is known: the digest step if it is worth offering, otherwise the first
    /// monitor request this server can be expected to take.
    mutating func startDataMonitor() {
        if willOfferDigest {
            sendDigestResync()
        } else {
            sendMonitor(ordinaryMethod)
        }
    }

    /// `monitor_cond_since` when the server has `_Server`; otherwise `monitor_cond` (OVS
    /// never tries `monitor_cond_since` without `_Server`).
    var ordinaryMethod: MonitorMethod { serverReplica != nil ? .since : .cond }

    /// The `<monitor-requests>` (or `<monitor-cond-requests>`) object for the acked
    /// conditions, and those conditions; `withConditions` false for plain `monitor`.
    func monitorRequests(withConditions: Bool) throws(SyncClientError) -> (JSON, [String: Condition]) {
        let conditions = withConditions ? try parsed(self.conditions.acked) : [:]
        var requests = JSONObject()
        for (name, monitor) in monitors.sorted(by: { $0.key < $1.key }) {
            requests[name] = [monitor.requestJSON(condition: conditions[name])]
        }
        return (.object(requests), conditions)
    }

    /// Sends the data monitor request of `method` with the acked conditions and last
    /// transaction id, and makes the replica's digest use the same conditions.
    mutating func sendMonitor(_ method: MonitorMethod) {
        let requests: JSON
        do {
            let (json, parsedConditions) = try monitorRequests(withConditions: method != .plain)
            requests = json
            replica.setConditions(parsedConditions)
        } catch {
            abandon("cannot build the monitor request: \(error)")
            return
        }
        let database = JSON.string(configuration.database)
        phase = .monitorRequested(method)
        switch method {
        case .since:
            send("monitor_cond_since", [database, dataMonitorID, requests, .string(replica.lastTransactionID.description)],
                 as: .monitor(.since))
        case .cond:
            send("monitor_cond", [database, dataMonitorID, requests], as: .monitor(.cond))
        case .plain:
            send("monitor", [database, dataMonitorID, requests], as: .monitor(.plain))
        }
    }

    mutating func handleMonitorReply(_ method: MonitorMethod, _ result: Result<JSON, ErrorReply>) {
        let json: JSON
        switch result {
        case .success(let value):
            json = value
        case .failure(let reply):
            logger.debug("\(remote) refused \(method): \(reply.error)")
            // OVS's C client falls back on any error: since -> cond -> monitor.
            switch method {
            case .since: sendMonitor(.cond)
            case .cond: sendMonitor(.plain)
            case .plain: abandon("monitor of \(configuration.database) failed: \(reply.error)")
            }
            return
        }
        do {
            switch method {
            case .since:
                guard case .array(let parts) = json, parts.count == 3, case .bool(let found) = parts[0],
                      let idText = parts[1].stringValue, let id = OVSDBUUID(idText) else {
                    abandon("malformed monitor_cond_since reply")
                    return
                }
                try updateReplica { (replica) throws(ReplicaError) in
                    let batch = found ? try replica.apply(parts[2], format: .diffs) : try replica.replace(with: parts[2], format: .diffs)
                    replica.lastTransactionID = id
                    return batch
                }
                enterMonitoring(.monitorCondSince(found: found))
            case .cond, .plain:
                try updateReplica { (replica) throws(ReplicaError) in
                    replica.lastTransactionID = .zero
                    return try replica.replace(with: json, format: method == .plain ? .rows : .diffs)
                }
                enterMonitoring(method == .plain ? .monitor : .monitorCond)
            }
        } catch {
            inconsistent(error)
        }
    }

    /// `update`, `update2`, `update3`, `monitor_canceled`; anything else is ignored.
    mutating func handleNotification(method: String, params: [JSON]) {
        guard let monitorID = params.first else { return }
        switch method {
        case "update", "update2", "update3":
            if monitorID == Self.serverMonitorID {
                handleServerUpdate(params)
            } else if monitorID == dataMonitorID, case .monitoring = phase {
                handleDataUpdate(method: method, params: params)
            }
        case "monitor_canceled":
            if monitorID == dataMonitorID || monitorID == Self.serverMonitorID {
                abandon("the server canceled monitor \(monitorID)")
            }
        default:
            logger.debug("ignoring notification \(method)")
        }
    }

    private mutating func handleDataUpdate(method: String, params: [JSON]) {
        let updates: JSON
        var id: OVSDBUUID?
        if method == "update3" {
            guard params.count == 3, let text = params[1].stringValue, let parsed = OVSDBUUID(text) else {
                inconsistent(.malformed("update3 params must be [monitor-id, last-txn-id, table-updates2]"))
                return
            }
            id = parsed
            updates = params[2]
        } else {
            guard params.count == 2 else {
                inconsistent(.malformed("\(method) params must be [monitor-id, table-updates]"))
                return
            }
            updates = params[1]
        }
        do {
            try updateReplica { (replica) throws(ReplicaError) in
                let batch = try replica.apply(updates, format: method == "update" ? .rows : .diffs)
                if let id { replica.lastTransactionID = id }
                return batch
            }
        } catch {
            inconsistent(error)
        }
    }

    /// A change of `_Server.Database` (every commit of a clustered database bumps its
    /// index): the server must stay usable, as in OVS, or the client moves on.
    private mutating func handleServerUpdate(_ params: [JSON]) {
        guard var server = serverReplica, params.count == 2 else { return }
        do {
            _ = try server.apply(params[1], format: .diffs)
        } catch {
            abandon("inconsistent _Server update: \(error)")
            return
        }
        serverReplica = server
        guard case .monitoring = phase else { return }
        if case .unusable(let reason) = checkServerDatabase() {
            abandon("\(remote): \(reason)")
        }
    }

    // MARK: Conditions

    /// Records `clauses` as `table`'s condition; the caller hears back (``Action/completeCondition(token:_:)``)
    /// once the server applies it.
    mutating func setCondition(table: String, clauses: [JSON], token: Int) -> [Action] {
        run { machine in
            guard machine.configuration.tables[table] != nil else {
                machine.emit(.completeCondition(token: token, .failure(.unknownTable(table))))
                return
            }
            if !machine.monitors.isEmpty {
                do throws(SyncClientError) {
                    _ = try machine.parsed([table: clauses])
                } catch {
                    machine.emit(.completeCondition(token: token, .failure(error)))
                    return
                }
            }
            let sequence = machine.conditions.set(table: table, condition: clauses)
            machine.conditionWaiters.append((token, sequence))
            if case .monitoring(let method) = machine.phase {
                if method == .monitor {
                    machine.conditions.acknowledgeAllWithoutServer()
                } else {
                    machine.sendConditionChangeIfNeeded()
                }
            }
            machine.completeConditionWaiters()
        }
    }

    /// Sends one `monitor_cond_change` with every new condition, if none is outstanding
    /// (`[id, id, {table: [{"where": condition}]}]`, as OVS's C client; `where` is always
    /// present: OVS 3.1 crashes without it).
    mutating func sendConditionChangeIfNeeded() {
        guard case .monitoring(let method) = phase, method != .monitor, let change = conditions.startChange() else { return }
        let parsedChange: [String: Condition]
        do {
            parsedChange = try parsed(change)
        } catch {
            failRefusedConditions(.failure(error))
            return
        }
        var requests = JSONObject()
        for (name, condition) in parsedChange.sorted(by: { $0.key < $1.key }) {
            requests[name] = [["where": condition.json]]
        }
        send("monitor_cond_change", [dataMonitorID, dataMonitorID, .object(requests)], as: .conditionChange)
    }

    mutating func handleConditionChangeReply(_ result: Result<JSON, ErrorReply>) {
        switch result {
        case .success:
            conditions.changeAcknowledged()
            if let acked = try? parsed(conditions.acked) { replica.setConditions(acked) }
            completeConditionWaiters()
        case .failure(let reply):
            logger.warning("\(remote) refused monitor_cond_change: \(reply.error)")
            failRefusedConditions(.failure(.requestFailed(method: "monitor_cond_change", error: reply.error)))
        }
        sendConditionChangeIfNeeded()
    }

    private mutating func failRefusedConditions(_ failure: Result<Void, SyncClientError>) {
        let refused = conditions.changeRefused()
        for waiter in conditionWaiters where waiter.sequence <= refused {
            emit(.completeCondition(token: waiter.token, failure))
        }
        conditionWaiters.removeAll { $0.sequence <= refused }
    }

    /// Tells every caller whose condition is now in force.
    mutating func completeConditionWaiters() {
        let acked = conditions.ackedSequence
        for waiter in conditionWaiters where waiter.sequence <= acked {
            emit(.completeCondition(token: waiter.token, .success(())))
        }
        conditionWaiters.removeAll { $0.sequence <= acked }
    }
}
