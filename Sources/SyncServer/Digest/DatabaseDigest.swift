import Digest
import OVSDB

/// The digest side of one hosted database: its ``Digest/DigestIndex`` (row keys and view
/// digests shared by every session, Docs/digest-protocol.md sections 1 and 2) and its
/// schema fingerprint. Built when the database opens and fed every commit's row
/// changes, so that a client's resync never pays for hashing the whole database, and
/// "nothing changed" costs one comparison. Lives on the database loop.
///
/// Commits do not hash on the transaction's path: their row changes are coalesced per
/// row (the first old value, the last new value; a row inserted and deleted again
/// leaves nothing) and applied to the index when a digest is asked for, or when
/// ``pendingLimit`` rows are waiting. Applying the coalesced change of a row gives the
/// same keys as applying each of its changes in turn, since a row's key depends only on
/// its last value.
struct DatabaseDigest {
    /// The fingerprint of the schema (`DatabaseSchema.digestFingerprint`) offers are
    /// compared with.
    let schemaFingerprint: SHA256Digest
    /// Row keys and view digests, up to date with every commit but those in `pending`.
    private var index: DigestIndex
    /// Row changes not yet applied to `index`, by table name and row UUID.
    private var pending: [PendingRow: PendingChange] = [:]

    /// Most coalesced row changes held before they are applied: bounds the memory the
    /// old rows held here take.
    static let pendingLimit = 4096

    /// The digest of `database`, with the view of every column and every row of each
    /// table built at once (what a monitor request without `columns` and `where` asks
    /// for; views of other columns or conditions are built on first use).
    init(of database: Database, limits: DigestIndex.Limits) {
        schemaFingerprint = database.schema.digestFingerprint
        index = DigestIndex(limits: limits)
        for table in database.tables {
            guard let view = try? TableView(table: table.schema, columns: nil) else { continue }
            _ = index.tableDigest(for: view) { table.rows.values }
        }
    }

    /// Takes a committed transaction's row changes, to be applied before the next digest
    /// is read.
    mutating func apply(_ changes: ChangeSet) {
        for table in changes.tables {
            for change in table.rows {
                let row = PendingRow(table: table.schema.name, uuid: change.uuid)
                if let earlier = pending[row] {
                    if earlier.old == nil && change.new == nil {
                        pending[row] = nil
                    } else {
                        pending[row] = PendingChange(old: earlier.old, new: change.new)
                    }
                } else {
                    pending[row] = PendingChange(old: change.old, new: change.new)
                }
            }
        }
        if pending.count > Self.pendingLimit { applyPending() }
    }

    /// The digest of `views` over `database`, the current contents (the index is brought
    /// up to date with them first).
    mutating func viewDigest(for views: [TableView], of database: Database) throws(DigestError) -> ViewDigest {
        applyPending()
        return try index.viewDigest(for: views) { name in (database.table(named: name)?.rows ?? [:]).values }
    }

    /// Applies the waiting row changes to `index`.
    private mutating func applyPending() {
        for (row, change) in pending {
            index.apply(table: row.table, uuid: row.uuid, old: change.old, new: change.new)
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// A row waiting in `pending`.
    private struct PendingRow: Hashable {
        var table: String
        var uuid: OVSDBUUID
    }

    /// A row's coalesced change: its value before the first waiting change (nil if that
    /// change inserted it) and after the last (nil if deleted).
    private struct PendingChange {
        var old: Row?
        var new: Row?
    }
}
