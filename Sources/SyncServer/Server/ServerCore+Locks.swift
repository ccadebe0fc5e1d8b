import OVSDB

extension ServerCore {
    /// `lock` and `steal` (RFC 7047 sections 4.1.8 and 4.1.9, OVS's
    /// `ovsdb_jsonrpc_session_lock()`): replies `{"locked": owns-it-now}`; a steal sends
    /// `stolen` to the previous owner.
    func lock(_ params: [JSON], mode: LockTable.Mode, method: String, id: JSON, session: Session) {
        guard let name = lockName(params, method: method, id: id, session: session) else { return }
        guard !locks.hasWaiter(session.id, for: name) else {
            let error = OVSDBError.syntax(.array(params), "must issue \"unlock\" before new \"\(method)\"")
            session.send(Envelope.error(error.json, id: id))
            return
        }
        let (locked, victim) = locks.lock(name, for: session.id, mode: mode)
        if let victim {
            sessions[victim]?.send(Envelope.call("stolen", params: [.string(name)]))
        }
        session.send(Envelope.reply(["locked": .bool(locked)], id: id))
    }

    /// `unlock` (RFC 7047 section 4.1.10): gives the lock up or leaves its queue; the
    /// next waiter, if it now owns the lock, gets `locked`.
    func unlock(_ params: [JSON], id: JSON, session: Session) {
        guard let name = lockName(params, method: "unlock", id: id, session: session) else { return }
        guard locks.hasWaiter(session.id, for: name) else {
            session.send(syntaxError(params, "unlock", "\"unlock\" without \"lock\" or \"steal\"", id: id))
            return
        }
        if let owner = locks.unlock(name, for: session.id) {
            sessions[owner]?.send(Envelope.call("locked", params: [.string(name)]))
        }
        session.send(Envelope.reply([:], id: id))
    }

    /// The lock name of `[<id>]` params, or nil after sending OVS's error.
    private func lockName(_ params: [JSON], method: String, id: JSON, session: Session) -> String? {
        guard params.count == 1, case .string(let name) = params[0], MemberParser.isID(name) else {
            let error = OVSDBError.syntax(.array(params), "\(method) request params must be <id>")
            session.send(Envelope.error(error.json, id: id))
            return nil
        }
        return name
    }
}
