import NIOCore
import OVSDB

/// One monitor of one session (OVS's `struct ovsdb_jsonrpc_monitor`): its id, its
/// version and the group it shares updates with. Lives on the database loop.
final class Monitor {
    /// The monitor id the client chose (any JSON value, unique per session; renamed by
    /// `monitor_cond_change`).
    var id: JSON
    /// The request that created it.
    let version: MonitorVersion
    /// The session it belongs to; the session removes its monitors before it goes away.
    unowned let session: Session
    /// The monitored database.
    let database: HostedDatabase
    /// The group whose shape it has.
    var group: MonitorGroup
    /// Updates held back while the digest exchange that starts this monitor is open
    /// (it joins its group when the exchange takes its snapshot, and its updates go out
    /// after the exchange's final reply); nil once they are sent as they come.
    var heldUpdates: [OutboundMessage]?

    init(id: JSON, version: MonitorVersion, session: Session, database: HostedDatabase, group: MonitorGroup) {
        self.id = id
        self.version = version
        self.session = session
        self.database = database
        self.group = group
    }

    /// Queues an update notification with the shared `body` for this monitor's session.
    func sendUpdate(_ body: ByteBuffer, transactionID: OVSDBUUID) {
        let message = Envelope.update(version, monitorID: id, transactionID: transactionID, body: body)
        if heldUpdates != nil {
            heldUpdates?.append(message)
        } else {
            session.send(message)
        }
    }
}
