import OVSDB

/// One client connection's protocol state, owned by the database loop (OVS's
/// `struct ovsdb_jsonrpc_session`): its monitors, its blocked transactions, whether it
/// is database-change-aware, and its output not yet handed to the connection.
///
/// Everything a session sends is produced here, on the database loop, in order: that is
/// why a client's own updates precede its `transact` reply and the rows of a
/// condition change precede the `monitor_cond_change` reply (notes section 4).
final class Session {
    /// The session's id.
    let id: SessionID
    /// The peer, for logs (`unix`, `tcp:1.2.3.4:5678`).
    let peer: String
    /// The monitors, by monitor id.
    var monitors: [JSON: Monitor] = [:]
    /// The `transact` requests blocked on a `wait`, oldest first.
    var triggers: [Trigger] = []
    /// True after `set_db_change_aware [true]`.
    var isChangeAware = false
    private let transport: any SessionTransport
    private unowned let output: OutputQueue
    private var outbox: [OutboundMessage] = []
    /// False once the session is closed: later output is dropped.
    private(set) var isOpen = true

    init(id: SessionID, peer: String, transport: any SessionTransport, output: OutputQueue) {
        self.id = id
        self.peer = peer
        self.transport = transport
        self.output = output
    }

    /// Queues `message`; it goes out at the end of the database loop's turn.
    func send(_ message: OutboundMessage) {
        guard isOpen else { return }
        if outbox.isEmpty { output.add(self) }
        outbox.append(message)
    }

    /// Hands the queued messages to the connection.
    func flush() {
        guard !outbox.isEmpty else { return }
        transport.send(outbox)
        outbox = []
    }

    /// Lets a paused connection read again.
    func resumeReading() {
        transport.resumeReading()
    }

    /// Sends what is queued, then closes the connection; later output is dropped.
    func close() {
        guard isOpen else { return }
        flush()
        isOpen = false
        transport.close()
    }
}
