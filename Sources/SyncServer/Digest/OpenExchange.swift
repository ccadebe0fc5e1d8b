import Digest
import NIOCore
import OVSDB

/// One digest exchange the server has answered but not finished (Docs/digest-protocol.md
/// section 5): the protocol state (``Digest/ServerExchange``), the snapshot of the
/// database it answers every step from, and the monitor it will start.
///
/// The monitor joins its group when the snapshot is taken, with its updates held back
/// (``Monitor/heldUpdates``): every transaction committed after the snapshot is held,
/// none before it, so after the final reply (whose rows and transaction id are those
/// of the snapshot) the held updates go out in order and the client sees each
/// transaction exactly once. Lives on the database loop.
final class OpenExchange {
    /// The session that opened it.
    let session: Session
    /// The database.
    let database: HostedDatabase
    /// The protocol state.
    var exchange: ServerExchange
    /// The database when the exchange opened: every reply is answered from it.
    let snapshot: Database
    /// The database version of ``snapshot`` (for sharing the group's initial rows).
    let snapshotVersion: Int
    /// The id of the last transaction in ``snapshot``: the final reply's `last-txn-id`.
    let lastTransactionID: OVSDBUUID
    /// The monitor it starts, in its group, with updates held.
    let monitor: Monitor
    /// The rows it holds against ``DigestConfiguration/maximumExchangeRows``.
    let reservedRows: Int
    /// The timer that drops it when the client stays silent.
    var idleTimer: Scheduled<Void>?

    init(session: Session, database: HostedDatabase, exchange: ServerExchange, monitor: Monitor, reservedRows: Int) {
        self.session = session
        self.database = database
        self.exchange = exchange
        snapshot = database.database
        snapshotVersion = database.version
        lastTransactionID = database.latestTransactionID
        self.monitor = monitor
        self.reservedRows = reservedRows
    }

    /// The exchange's key: its session and monitor id.
    var key: ExchangeKey { ExchangeKey(session: session.id, monitorID: monitor.id) }
}

/// An exchange's identity: at most one per monitor id of a session.
struct ExchangeKey: Hashable {
    /// The session.
    var session: SessionID
    /// The monitor id the exchange will start.
    var monitorID: JSON
}
