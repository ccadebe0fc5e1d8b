import Logging
import NIOCore
import OVSDB

/// The server's state and protocol logic, all on one serial executor, the database
/// loop (as `ovsdb-server` is single threaded): the hosted databases with their
/// monitors and histories, the sessions, the locks and the blocked transactions.
///
/// Connections run on other event loops and hand each decoded message here in arrival
/// order (``ServerCoreHandle``); every message to a session is produced here, in order,
/// and handed back at the end of each turn (``OutputQueue``). Each entry point is one
/// turn: it handles its event, retries blocked transactions whose database changed,
/// then flushes the output.
final class ServerCore {
    /// The database loop.
    let loop: EventLoop
    /// Where the protocol logs.
    let logger: Logger
    /// The id `get_server_id` returns: random per process, as in OVS.
    let serverID = OVSDBUUID.random()
    /// The served databases in `list_dbs` order, `_Server` last.
    let databases: [HostedDatabase]
    private let databasesByName: [String: HostedDatabase]
    /// The open sessions.
    private(set) var sessions: [SessionID: Session] = [:]
    /// The named locks.
    var locks = LockTable()
    /// The blocked transactions of every session, oldest first.
    var triggers: [Trigger] = []
    /// The sessions with output waiting for the end of the turn.
    let output = OutputQueue()
    /// The digest resync endpoint's state (`ServerCore+Digest.swift`).
    let digestResync: DigestResync

    /// A core serving `databases` (the `_Server` database last) on `loop`, with the
    /// digest resync endpoint configured by `digest`.
    init(databases: [HostedDatabase], loop: EventLoop, logger: Logger, digest: DigestConfiguration = DigestConfiguration()) {
        self.loop = loop
        self.logger = logger
        self.databases = databases
        digestResync = DigestResync(databases: databases, configuration: digest)
        databasesByName = Dictionary(databases.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The database called `name`.
    func database(named name: String) -> HostedDatabase? {
        databasesByName[name]
    }

    /// A connection was accepted.
    func open(_ id: SessionID, peer: String, transport: any SessionTransport) {
        loop.preconditionInEventLoop()
        sessions[id] = Session(id: id, peer: peer, transport: transport, output: output)
        logger.debug("\(peer): connected", metadata: ["session": "\(id)"])
    }

    /// A message arrived on session `id` (OVS's `ovsdb_jsonrpc_session_got_request()`
    /// and `_got_notify()`): requests are answered, the `cancel` notification acts,
    /// other notifications are ignored, replies to the server's `echo` probe are
    /// swallowed, and any other reply closes the session (OVS: "unexpected reply").
    func receive(_ message: JSONRPCMessage, from id: SessionID) {
        defer { finishTurn() }
        guard let session = sessions[id] else { return }
        switch message {
        case .request(let method, let params, let requestID):
            handleRequest(method, params: params, id: requestID, session: session)
        case .notification(let method, let params):
            if method == "cancel" { cancel(params, session: session) }
        case .reply(_, let replyID), .error(_, let replyID):
            guard replyID != "echo" else { return }
            logger.warning("\(session.peer): received unexpected reply message, disconnecting", metadata: ["session": "\(id)"])
            disconnect(session)
        }
    }

    /// The connection of session `id` closed: its monitors, blocked transactions and
    /// locks go (locks pass to the next waiter).
    func close(_ id: SessionID) {
        defer { finishTurn() }
        guard let session = sessions[id] else { return }
        logger.debug("\(session.peer): disconnected", metadata: ["session": "\(id)"])
        disconnect(session)
    }

    /// Closes every session and every database file (server shutdown).
    func shutdown() {
        for session in sessions.values.sorted(by: { $0.id < $1.id }) {
            disconnect(session)
        }
        output.flush()
        for database in databases { database.close() }
    }

    /// Drops `session` and everything it holds, and closes its connection.
    func disconnect(_ session: Session) {
        sessions[session.id] = nil
        endDigestExchanges(of: session)
        for monitor in session.monitors.values {
            monitor.database.monitors.remove(monitor)
        }
        session.monitors = [:]
        for trigger in session.triggers {
            remove(trigger)
        }
        for handover in locks.release(session.id) {
            sessions[handover.owner]?.send(Envelope.call("locked", params: [.string(handover.name)]))
        }
        session.close()
    }

    /// Ends a turn: retries blocked transactions on databases that changed, then hands
    /// all output to the connections.
    func finishTurn() {
        runTriggers()
        output.flush()
    }
}
