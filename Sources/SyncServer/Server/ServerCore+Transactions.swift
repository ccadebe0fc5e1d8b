import NIOCore
import OVSDB

extension ServerCore {
    /// `transact` (RFC 7047 section 4.1.3; OVS's `ovsdb_jsonrpc_trigger_create()`): runs
    /// the request at once; if a `wait` blocks it, keeps it as a trigger, retried after
    /// every commit to its database until it completes or its timeout passes. A request
    /// id equal to one of the session's blocked requests is refused.
    func transact(_ params: [JSON], id: JSON, session: Session) {
        guard let database = database(for: "transact", params: params, id: id, session: session) else { return }
        guard !session.triggers.contains(where: { $0.requestID == id }) else {
            session.send(syntaxError(params, "transact", "duplicate request ID", id: id))
            return
        }
        let trigger = Trigger(session: session, requestID: id, params: .array(params), database: database, start: loop.now)
        if let timeout = attempt(trigger, elapsed: 0) {
            park(trigger, timeout: timeout)
        }
    }

    /// Runs `trigger` with `elapsed` milliseconds since its first attempt. Sends the
    /// reply and returns nil when it completes; when a `wait` blocks it, returns its
    /// timeout in milliseconds (`Int64.max` for none).
    ///
    /// A committed transaction is stored, its updates go to every monitor (so the
    /// sender's own updates are queued before its reply), and blocked transactions on
    /// the database are marked for a retry. If the storage fails, nothing changes and
    /// the reply gets OVS's "I/O error" as its last element.
    private func attempt(_ trigger: Trigger, elapsed: Int64) -> Int64? {
        let session = trigger.session
        let options = TransactionOptions(locksHeld: locks.locks(ownedBy: session.id), elapsedMilliseconds: elapsed)
        switch TransactionExecutor.execute(trigger.params, on: trigger.database.database, options: options) {
        case .committed(let reply, let committed):
            var result = reply
            do {
                if let transactionID = try trigger.database.commit(committed) {
                    trigger.database.monitors.publish(committed.changes, transactionID: transactionID)
                    digestCommitted(committed.changes, on: trigger.database)
                    trigger.database.needsTriggerRun = true
                    trigger.database.compactIfDue(logger: logger)
                }
            } catch {
                logger.error("\(session.peer): cannot store a transaction on \(trigger.database.name): \(error)")
                result = .array((reply.arrayValue ?? []) + [error.replyError])
            }
            session.send(Envelope.reply(result, id: trigger.requestID))
            return nil
        case .failed(let reply):
            session.send(Envelope.reply(reply, id: trigger.requestID))
            return nil
        case .blocked(let timeout, _):
            return timeout ?? .max
        }
    }

    /// Keeps the blocked `trigger`, with a timer for its timeout.
    private func park(_ trigger: Trigger, timeout: Int64) {
        triggers.append(trigger)
        trigger.session.triggers.append(trigger)
        guard timeout < .max else { return }
        let bound = NIOLoopBound((core: self, trigger: trigger), eventLoop: loop)
        trigger.timer = loop.scheduleTask(in: .milliseconds(timeout)) {
            bound.value.core.timeOut(bound.value.trigger, after: timeout)
        }
    }

    /// The timeout of `trigger` passed: its last attempt fails with "timed out".
    private func timeOut(_ trigger: Trigger, after timeout: Int64) {
        defer { finishTurn() }
        guard triggers.contains(where: { $0 === trigger }) else { return }
        let elapsed = max(timeout, trigger.elapsedMilliseconds(at: loop.now))
        if attempt(trigger, elapsed: elapsed) == nil {
            remove(trigger)
        }
    }

    /// Retries the blocked transactions of every database a commit changed, oldest
    /// first, until no retry commits anything (OVS's `ovsdb_trigger_run()`).
    func runTriggers() {
        while let database = databases.first(where: \.needsTriggerRun) {
            database.needsTriggerRun = false
            for trigger in triggers where trigger.database === database {
                if attempt(trigger, elapsed: trigger.elapsedMilliseconds(at: loop.now)) == nil {
                    remove(trigger)
                }
            }
        }
    }

    /// The `cancel` notification (RFC 7047 section 4.1.4): drops the session's blocked
    /// request with that id. As in OVS, only a database-change-aware session gets a
    /// reply, the error "canceled"; for others the request just ends (RFC 7047 asks for
    /// an error reply; OVS 3.1.0 sends none). Wrong shapes and unknown ids are ignored.
    func cancel(_ params: [JSON], session: Session) {
        guard params.count == 1, let trigger = session.triggers.first(where: { $0.requestID == params[0] }) else { return }
        remove(trigger)
        if session.isChangeAware {
            session.send(Envelope.error("canceled", id: trigger.requestID))
        }
    }

    /// Forgets a blocked transaction and its timer.
    func remove(_ trigger: Trigger) {
        trigger.timer?.cancel()
        trigger.timer = nil
        triggers.removeAll { $0 === trigger }
        trigger.session.triggers.removeAll { $0 === trigger }
    }
}
