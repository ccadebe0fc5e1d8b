import NIOCore
import OVSDB

/// The monitors of one database that have the same ``MonitorShape``: each update is
/// composed and serialized once for all of them, and each initial snapshot once per
/// database version; every member then sends the same bytes inside its own envelope
/// (its monitor id, its request id).
///
/// This is OVS's `struct ovsdb_monitor` with its JSON cache (`ovsdb/monitor.c`), made
/// to cover conditional monitors and the initial rows too (OVS 3.1.0 composes those per
/// session; 3.2 keeps one initial change set per `dbmon`). Lives on the database loop.
final class MonitorGroup {
    /// What every member monitors.
    let shape: MonitorShape
    /// The serializer of the shape.
    let composer: UpdateComposer
    /// The members, by identity.
    private(set) var members: [ObjectIdentifier: Monitor] = [:]
    /// The initial rows at one database version, kept until the next commit.
    private var snapshot: (version: Int, body: ByteBuffer)?
    /// The average initial-row size measured at one database version: every digest
    /// exchange of the group plans with it, and a reconnect storm measures it once.
    private var rowBytes: (version: Int, bytes: Int)?
    /// How many bodies this group has serialized (initial snapshots and updates): what
    /// tests read to check that members share them.
    private(set) var serializations = 0

    init(shape: MonitorShape, schema: DatabaseSchema) {
        self.shape = shape
        composer = UpdateComposer(shape: shape, schema: schema)
    }

    /// True once the last member has left.
    var isEmpty: Bool { members.isEmpty }

    /// Adds `monitor`.
    func add(_ monitor: Monitor) {
        members[ObjectIdentifier(monitor)] = monitor
    }

    /// Removes `monitor`.
    func remove(_ monitor: Monitor) {
        members[ObjectIdentifier(monitor)] = nil
    }

    /// The initial rows of `database` at `version`: serialized on the first request at
    /// that version and reused by every later one until the next commit.
    func initialRows(of database: Database, version: Int) -> ByteBuffer {
        if let snapshot, snapshot.version == version { return snapshot.body }
        let body = composer.initial(database)
        serializations += 1
        snapshot = (version, body)
        return body
    }

    /// Bytes of table-updates2 JSON per initial row of `database` at `version`
    /// (`UpdateComposer.averageRowBytes(of:)`), measured once per version.
    func averageRowBytes(of database: Database, version: Int) -> Int {
        if let rowBytes, rowBytes.version == version { return rowBytes.bytes }
        let bytes = composer.averageRowBytes(of: database)
        rowBytes = (version, bytes)
        return bytes
    }

    /// Sends the update `changes` causes (if any) to every member, serialized once;
    /// forgets the initial snapshot, which no longer matches the database.
    func publish(_ changes: ChangeSet, transactionID: OVSDBUUID) {
        snapshot = nil
        guard !members.isEmpty, let body = composer.update(changes) else { return }
        serializations += 1
        for monitor in members.values {
            monitor.sendUpdate(body, transactionID: transactionID)
        }
    }
}
