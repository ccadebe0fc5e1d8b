import NIOCore
import OVSDB

/// A `transact` request whose `wait` operation is not satisfied yet (OVS's
/// `struct ovsdb_trigger`): retried after every commit to its database, failed with
/// "timed out" when its timeout passes, dropped by `cancel`. Lives on the database loop.
final class Trigger {
    /// The session that sent it; the session drops its triggers before it goes away.
    unowned let session: Session
    /// The request id.
    let requestID: JSON
    /// The request params, `[db-name, operation...]`.
    let params: JSON
    /// The database it runs on.
    let database: HostedDatabase
    /// When the request first ran.
    let start: NIODeadline
    /// The timer that fails it at its `wait` timeout, if it has one.
    var timer: Scheduled<Void>?

    init(session: Session, requestID: JSON, params: JSON, database: HostedDatabase, start: NIODeadline) {
        self.session = session
        self.requestID = requestID
        self.params = params
        self.database = database
        self.start = start
    }

    /// Milliseconds since the request first ran, at `now`.
    func elapsedMilliseconds(at now: NIODeadline) -> Int64 {
        (now - start).nanoseconds / 1_000_000
    }
}
