import Digest
import OVSDB

/// A valid `digest_resync` request waiting for room among the open exchanges
/// (``DigestConfiguration``): everything parsed, so that starting it later needs no
/// further check but that its session is still there. Lives on the database loop.
struct QueuedResync {
    /// The session that sent it.
    let session: Session
    /// The request's JSON-RPC id.
    let requestID: JSON
    /// The database.
    let database: HostedDatabase
    /// The monitor id.
    let monitorID: JSON
    /// The monitor's shape, parsed from the request.
    let shape: MonitorShape
    /// The view of each monitored table.
    let views: [TableView]
    /// The client's offer.
    let offer: ResyncOffer
    /// An upper bound on the rows of its view: the rows of the monitored tables.
    let reservedRows: Int
}
