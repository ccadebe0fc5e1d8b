import OVSDB

extension ServerCore {
    /// Answers one request, as `ovsdb_jsonrpc_session_got_request()` dispatches it;
    /// any method not listed gets the bare-string error "unknown method".
    func handleRequest(_ method: String, params: [JSON], id: JSON, session: Session) {
        switch method {
        case "transact": transact(params, id: id, session: session)
        case "monitor": createMonitor(.v1, params: params, id: id, session: session)
        case "monitor_cond": createMonitor(.v2, params: params, id: id, session: session)
        case "monitor_cond_since": createMonitor(.v3, params: params, id: id, session: session)
        case "monitor_cond_change": changeCondition(params, id: id, session: session)
        case "monitor_cancel": cancelMonitor(params, id: id, session: session)
        case "lock": lock(params, mode: .wait, method: method, id: id, session: session)
        case "steal": lock(params, mode: .steal, method: method, id: id, session: session)
        case "unlock": unlock(params, id: id, session: session)
        case "digest_resync": openDigestExchange(params, id: id, session: session)
        case "digest_continue": continueDigestExchange(params, id: id, session: session)
        case "get_schema":
            guard let database = database(for: method, params: params, id: id, session: session) else { return }
            session.send(Envelope.reply(database.schemaJSON, id: id))
        case "list_dbs":
            session.send(Envelope.reply(.array(databases.map { .string($0.name) }), id: id))
        case "get_server_id":
            session.send(Envelope.reply(.string(serverID.description), id: id))
        case "set_db_change_aware":
            guard params.count == 1, case .bool(let aware) = params[0] else {
                session.send(syntaxError(params, method, "true or false parameter expected", id: id))
                return
            }
            session.isChangeAware = aware
            session.send(Envelope.reply([:], id: id))
        case "echo":
            session.send(Envelope.reply(.array(params), id: id))
        default:
            session.send(Envelope.error("unknown method", id: id))
        }
    }

    /// The database a database-bound request names in `params[0]` (OVS's
    /// `ovsdb_jsonrpc_lookup_db()`); if none, sends OVS's error and returns nil.
    func database(for method: String, params: [JSON], id: JSON, session: Session) -> HostedDatabase? {
        guard case .string(let name)? = params.first else {
            let error = OVSDBError.syntax(.array(params), "\(method) request params must begin with <db-name>")
            session.send(Envelope.error(error.json, id: id))
            return nil
        }
        guard let database = database(named: name) else {
            let error = OVSDBError.syntax(.array(params), "\(method) request specifies unknown database \(name)",
                                          tag: .unknownDatabase)
            session.send(Envelope.error(error.json, id: id))
            return nil
        }
        return database
    }

    /// OVS's `syntax_error_reply()`: a "syntax error" about the whole params, with the
    /// details prefixed by the method.
    func syntaxError(_ params: [JSON], _ method: String, _ details: String, id: JSON) -> OutboundMessage {
        Envelope.error(OVSDBError.syntax(.array(params), "\(method): \(details)").json, id: id)
    }
}
