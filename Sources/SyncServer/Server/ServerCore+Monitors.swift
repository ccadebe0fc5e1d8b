import NIOCore
import OVSDB

extension ServerCore {
    /// `monitor`, `monitor_cond` and `monitor_cond_since` (RFC 7047 section 4.1.5,
    /// ovsdb-server(7) 4.1.12 and 4.1.15; OVS's `ovsdb_jsonrpc_monitor_create()`), with
    /// OVS's checks in OVS's order. The monitor joins the group of its shape and the
    /// reply carries the group's shared initial rows, or for `monitor_cond_since` with a
    /// known transaction id `[true, last-id, changes since]`.
    ///
    /// A v1 `monitor` with fewer than three params gets "invalid parameters" (OVS 3.1.0
    /// crashes); extra params are ignored, as in OVS.
    func createMonitor(_ version: MonitorVersion, params: [JSON], id: JSON, session: Session) {
        guard let database = database(for: version.method, params: params, id: id, session: session) else { return }
        let countIsValid = version == .v1 ? params.count >= 3 : params.count == (version == .v2 ? 3 : 4)
        guard countIsValid else {
            return fail(OVSDBError.syntax(.array(params), "invalid parameters"), id: id, session: session)
        }
        let monitorID = params[1]
        guard case .object(let requests) = params[2] else {
            return fail(OVSDBError.syntax(params[2], "monitor-requests must be object"), id: id, session: session)
        }
        guard session.monitors[monitorID] == nil else {
            return fail(OVSDBError.syntax(monitorID, "duplicate monitor ID"), id: id, session: session)
        }
        let shape: MonitorShape
        var since = OVSDBUUID.zero
        do {
            shape = try MonitorShape(requests: requests, schema: database.database.schema, version: version)
            if version == .v3 { since = try Self.lastTransactionID(params[3]) }
        } catch {
            return fail(error, id: id, session: session)
        }
        let monitor = Monitor(id: monitorID, version: version, session: session, database: database,
                              group: database.monitors.group(for: shape))
        database.monitors.add(monitor)
        session.monitors[monitorID] = monitor
        guard version == .v3 else {
            session.send(Envelope.monitorReply(monitor.group.initialRows(of: database.database, version: database.version), id: id))
            return
        }
        let latest = database.latestTransactionID
        if since != .zero, let changes = database.history?.changes(after: since) {
            let body = changes.isEmpty ? nil : monitor.group.composer.update(ChangeSet.merging(changes))
            session.send(Envelope.monitorReply(body ?? ByteBuffer(string: "{}"), id: id, since: (true, latest)))
        } else {
            let body = monitor.group.initialRows(of: database.database, version: database.version)
            session.send(Envelope.monitorReply(body, id: id, since: (false, latest)))
        }
    }

    /// `monitor_cond_change` (ovsdb-server(7) 4.1.13; OVS's
    /// `ovsdb_jsonrpc_monitor_cond_change()`): replaces the conditions of some tables,
    /// optionally renames the monitor, and sends the rows that enter or leave the
    /// conditions as an update (under the new id) before the `{}` reply. A request
    /// object without `where` means the condition `true` (OVS 3.1.0 crashes). Nothing
    /// changes unless the whole request is valid. For a v1 monitor the conditions are
    /// accepted and ignored, as in OVS.
    func changeCondition(_ params: [JSON], id: JSON, session: Session) {
        guard params.count == 3 else {
            return fail(OVSDBError.syntax(.array(params), "invalid parameters"), id: id, session: session)
        }
        guard let monitor = session.monitors[params[0]] else {
            return fail(OVSDBError.syntax(params[0], "unknown monitor session"), id: id, session: session)
        }
        let newID = params[1]
        guard newID == monitor.id || session.monitors[newID] == nil else {
            return fail(OVSDBError.syntax(newID, "duplicate monitor ID"), id: id, session: session)
        }
        guard case .object(let requests) = params[2] else {
            return fail(OVSDBError(.syntaxError, "monitor-cond-change-requests must be object"), id: id, session: session)
        }
        let shape: MonitorShape
        do {
            shape = try monitor.group.shape.changingConditions(requests, schema: monitor.database.database.schema,
                                                              conditional: monitor.version.isConditional)
        } catch {
            return fail(error, id: id, session: session)
        }
        if newID != monitor.id {
            session.monitors[monitor.id] = nil
            monitor.id = newID
            session.monitors[newID] = monitor
        }
        let database = monitor.database
        let oldShape = monitor.group.shape
        if shape != oldShape {
            database.monitors.remove(monitor)
            monitor.group = database.monitors.group(for: shape)
            database.monitors.add(monitor)
            var oldConditions: [Int: Condition?] = [:]
            for table in oldShape.tables { oldConditions[table.table] = table.condition }
            if let body = monitor.group.composer.conditionChange(database.database, oldConditions: oldConditions) {
                monitor.sendUpdate(body, transactionID: database.latestTransactionID)
            }
        }
        session.send(Envelope.reply([:], id: id))
    }

    /// `monitor_cancel` (RFC 7047 section 4.1.7): errors are the bare strings "invalid
    /// parameters" and "unknown monitor", as in OVS.
    func cancelMonitor(_ params: [JSON], id: JSON, session: Session) {
        guard params.count == 1 else {
            session.send(Envelope.error("invalid parameters", id: id))
            return
        }
        guard let monitor = session.monitors.removeValue(forKey: params[0]) else {
            session.send(Envelope.error("unknown monitor", id: id))
            return
        }
        monitor.database.monitors.remove(monitor)
        session.send(Envelope.reply([:], id: id))
    }

    private func fail(_ error: OVSDBError, id: JSON, session: Session) {
        session.send(Envelope.error(error.json, id: id))
    }

    /// The `last-txn-id` of `monitor_cond_since`, with OVS's errors.
    private static func lastTransactionID(_ json: JSON) throws(OVSDBError) -> OVSDBUUID {
        guard case .string(let text) = json else { throw OVSDBError.syntax(json, "last-txn-id must be string") }
        guard let uuid = OVSDBUUID(text) else { throw OVSDBError.syntax(json, "last-txn-id must be UUID format.") }
        return uuid
    }
}
