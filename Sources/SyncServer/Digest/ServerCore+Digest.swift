import Digest
import NIOCore
import OVSDB

/// The digest resync endpoint (Docs/digest-protocol.md): `digest_resync` opens an
/// exchange over a snapshot of the session's view, `digest_continue` carries it on, and
/// the final reply (`in_sync`, `done`, `full`) starts the monitor at the snapshot, with
/// the transactions committed meanwhile sent after it as `update3` notifications.
extension ServerCore {
    /// `digest_resync [<db-name>, <monitor-id>, <monitor-cond-requests>, <offer>]`: checks
    /// everything a `monitor_cond_since` would check, plus the offer, then opens the
    /// exchange, or queues it when the open exchanges are at their bounds
    /// (``DigestConfiguration``). A new request for the monitor id of an open exchange
    /// replaces it.
    func openDigestExchange(_ params: [JSON], id: JSON, session: Session) {
        guard let database = database(for: DigestRequest.resyncMethod, params: params, id: id, session: session) else { return }
        let request: DigestRequest
        do {
            request = try DigestRequest(method: DigestRequest.resyncMethod, params: .array(params),
                                        limits: digestResync.configuration.limits)
        } catch {
            return session.send(Envelope.error(Self.error(for: error).json, id: id))
        }
        guard case .resync(_, let monitorID, .object(let requests), let offer) = request else {
            return session.send(Envelope.error(OVSDBError(.syntaxError, "monitor requests must be an object").json, id: id))
        }
        guard session.monitors[monitorID] == nil else {
            return session.send(Envelope.error(OVSDBError.syntax(monitorID, "duplicate monitor ID").json, id: id))
        }
        let shape: MonitorShape
        let views: [TableView]
        do {
            shape = try MonitorShape(requests: requests, schema: database.database.schema, version: .v3)
            views = try shape.views(requests: requests, schema: database.database.schema)
        } catch {
            return session.send(Envelope.error(error.json, id: id))
        }
        if let replaced = digestResync.open[ExchangeKey(session: session.id, monitorID: monitorID)] {
            drop(replaced, because: "replaced by a new digest_resync")
        }
        let rows = shape.tables.reduce(0) { $0 + database.database.tables[$1.table].count }
        if !digestResync.queue.isEmpty || !digestResync.hasRoom(for: rows) {
            logger.debug("\(session.peer): digest_resync for monitor \(monitorID) waits behind \(digestResync.open.count) open exchanges",
                         metadata: ["session": "\(session.id)"])
        }
        digestResync.enqueue(QueuedResync(session: session, requestID: id, database: database, monitorID: monitorID,
                                          shape: shape, views: views, offer: offer, reservedRows: rows))
        admitQueuedExchanges()
    }

    /// `digest_continue [<monitor-id>, <step>]`: the next step of the session's open
    /// exchange for that monitor id. A malformed step or one out of turn gets an error
    /// reply and ends the exchange (no monitor exists after it).
    func continueDigestExchange(_ params: [JSON], id: JSON, session: Session) {
        let open = params.first.flatMap { digestResync.open[ExchangeKey(session: session.id, monitorID: $0)] }
        let request: DigestRequest
        do {
            request = try DigestRequest(method: DigestRequest.continueMethod, params: .array(params),
                                        limits: digestResync.configuration.limits)
        } catch {
            if let open { end(open, outcome: "error") }
            return session.send(Envelope.error(Self.error(for: error).json, id: id))
        }
        guard case .continue(let monitorID, let step) = request, let open else {
            let details = "no digest exchange is open for monitor \(params.first?.description ?? "null")"
            return session.send(Envelope.error(OVSDBError(.syntaxError, details).json, id: id))
        }
        open.idleTimer?.cancel()
        open.idleTimer = nil
        let action: ServerExchange.Action
        do {
            action = try open.exchange.handle(step)
        } catch {
            end(open, outcome: "error")
            logger.debug("\(session.peer): digest exchange for monitor \(monitorID) failed: \(error)")
            return session.send(Envelope.error(OVSDBError(.syntaxError, error.description).json, id: id))
        }
        proceed(open, action, requestID: id)
    }

    /// A commit changed `database`: its digest index follows.
    func digestCommitted(_ changes: ChangeSet, on database: HostedDatabase) {
        digestResync.digests[database.name]?.apply(changes)
    }

    /// `session` is going: its open exchanges and queued requests are forgotten, and
    /// their room goes to the next queued requests.
    func endDigestExchanges(of session: Session) {
        for open in digestResync.open.values where open.session === session {
            drop(open, because: "session closed")
        }
        digestResync.queue.removeAll { $0.session === session }
        admitQueuedExchanges()
    }

    /// Opens the queued exchanges, oldest first, while there is room. Exchanges that
    /// end at once make room for the next ones in the same loop, not by recursion.
    func admitQueuedExchanges() {
        guard !digestResync.isAdmitting else { return }
        digestResync.isAdmitting = true
        defer { digestResync.isAdmitting = false }
        while let next = digestResync.queue.first, digestResync.hasRoom(for: next.reservedRows) {
            digestResync.queue.removeFirst()
            startExchange(next)
        }
    }

    /// Takes the snapshot of `request`'s view, starts its monitor with updates held,
    /// and answers the offer.
    private func startExchange(_ request: QueuedResync) {
        let session = request.session
        let database = request.database
        guard sessions[session.id] === session else { return }
        guard session.monitors[request.monitorID] == nil else {
            return session.send(Envelope.error(OVSDBError.syntax(request.monitorID, "duplicate monitor ID").json, id: request.requestID))
        }
        let view: ViewDigest
        // The index is changed in place (through the dictionary), never through a copy,
        // which would duplicate its storage.
        guard let fingerprint = digestResync.digests[database.name]?.schemaFingerprint else {
            return session.send(Envelope.error(OVSDBError(.internalError, "no digest index for \(database.name)").json,
                                               id: request.requestID))
        }
        do {
            guard let built = try digestResync.digests[database.name]?.viewDigest(for: request.views, of: database.database) else {
                return
            }
            view = built
        } catch {
            return session.send(Envelope.error(OVSDBError(.syntaxError, "\(error)").json, id: request.requestID))
        }
        let monitor = Monitor(id: request.monitorID, version: .v3, session: session, database: database,
                              group: database.monitors.group(for: request.shape))
        monitor.heldUpdates = []
        database.monitors.add(monitor)
        let planner = ResyncPlanner(averageRowBytes: monitor.group.averageRowBytes(of: database.database, version: database.version),
                                    limits: digestResync.configuration.limits)
        let open = OpenExchange(session: session, database: database,
                                exchange: ServerExchange(offer: request.offer, view: view, schema: fingerprint, planner: planner),
                                monitor: monitor, reservedRows: request.reservedRows)
        digestResync.open[open.key] = open
        digestResync.openRows += open.reservedRows
        let action: ServerExchange.Action
        do {
            action = try open.exchange.open(estimators: &digestResync.estimators)
        } catch {
            end(open, outcome: "error")
            return session.send(Envelope.error(OVSDBError(.syntaxError, error.description).json, id: request.requestID))
        }
        proceed(open, action, requestID: request.requestID)
    }

    /// Carries out what the exchange decided: a reply that keeps it open, or the final
    /// reply with the rows of the snapshot, after which the monitor runs.
    private func proceed(_ open: OpenExchange, _ action: ServerExchange.Action, requestID: JSON) {
        let composer = open.monitor.group.composer
        switch action {
        case .reply(let reply):
            open.session.send(Envelope.reply(reply.json, id: requestID))
            armIdleTimer(open)
        case .inSync:
            finish(open, .inSync(lastTransactionID: open.lastTransactionID), updates: nil, requestID: requestID)
        case .full(let reason):
            let body = open.snapshotVersion == open.database.version
                ? open.monitor.group.initialRows(of: open.snapshot, version: open.snapshotVersion)
                : composer.initial(open.snapshot)
            finish(open, .full(lastTransactionID: open.lastTransactionID, updates: .null, reason: reason), updates: body,
                   requestID: requestID)
        case .done(let rows, let deletedKeys):
            finish(open, .done(lastTransactionID: open.lastTransactionID, updates: .null, deletedKeys: deletedKeys),
                   updates: composer.initial(rows, of: open.snapshot), requestID: requestID)
        }
    }

    /// Sends the final `reply`, then the updates held since the snapshot, and makes the
    /// monitor the session's.
    private func finish(_ open: OpenExchange, _ reply: ResyncReply, updates: ByteBuffer?, requestID: JSON) {
        let session = open.session
        let monitor = open.monitor
        guard session.monitors[monitor.id] == nil else {
            end(open, outcome: "error")
            return session.send(Envelope.error(OVSDBError.syntax(monitor.id, "duplicate monitor ID").json, id: requestID))
        }
        release(open)
        digestResync.count(reply.kind)
        logger.debug("\(session.peer): digest exchange for monitor \(monitor.id) ended with \(reply.kind)",
                     metadata: ["session": "\(session.id)"])
        session.send(Envelope.digestReply(reply, updates: updates, id: requestID))
        session.monitors[monitor.id] = monitor
        let held = monitor.heldUpdates ?? []
        monitor.heldUpdates = nil
        for message in held { session.send(message) }
        admitQueuedExchanges()
    }

    /// Forgets `open` and its monitor, counting it under `outcome`, and lets the next
    /// queued requests in.
    private func end(_ open: OpenExchange, outcome: String) {
        release(open)
        open.database.monitors.remove(open.monitor)
        open.monitor.heldUpdates = nil
        digestResync.count(outcome)
        admitQueuedExchanges()
    }

    /// Forgets `open` without a reply (its client went, replaced it or fell silent).
    private func drop(_ open: OpenExchange, because reason: String) {
        logger.debug("\(open.session.peer): digest exchange for monitor \(open.monitor.id) dropped: \(reason)",
                     metadata: ["session": "\(open.session.id)"])
        end(open, outcome: "dropped")
    }

    /// Frees the room `open` held and stops its timer.
    private func release(_ open: OpenExchange) {
        open.idleTimer?.cancel()
        open.idleTimer = nil
        guard digestResync.open[open.key] === open else { return }
        digestResync.open[open.key] = nil
        digestResync.openRows -= open.reservedRows
    }

    /// Drops `open` if its client sends nothing within the idle timeout.
    private func armIdleTimer(_ open: OpenExchange) {
        let bound = NIOLoopBound((core: self, open: open), eventLoop: loop)
        open.idleTimer = loop.scheduleTask(in: digestResync.configuration.idleTimeout) {
            let (core, open) = bound.value
            defer { core.finishTurn() }
            guard core.digestResync.open[open.key] === open else { return }
            core.drop(open, because: "no step within \(core.digestResync.configuration.idleTimeout)")
        }
    }

    /// The OVSDB error for an invalid digest message (Docs/digest-protocol.md
    /// section 7): "not supported" for an unknown protocol version, otherwise "syntax
    /// error", with the message error's description as details.
    private static func error(for error: DigestMessageError) -> OVSDBError {
        if case .unsupportedVersion = error { return OVSDBError(.notSupported, error.description) }
        return OVSDBError(.syntaxError, error.description)
    }
}
