import Digest
import OVSDB

/// The digest side of one hosted database: its ``Digest/DigestIndex`` (row keys and view
/// digests shared by every session, Docs/digest-protocol.md sections 1 and 2) and its
/// schema fingerprint. Built when the database opens and fed every commit's row
/// changes, so that a client's resync never pays for hashing the whole database, and
/// "nothing changed" costs one comparison. Lives on the database loop.
struct DatabaseDigest {
    /// The fingerprint of the schema (`DatabaseSchema.digestFingerprint`) offers are
    /// compared with.
    let schemaFingerprint: SHA256Digest
    /// Row keys and view digests.
    private(set) var index: DigestIndex

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

    /// Applies a committed transaction's row changes.
    mutating func apply(_ changes: ChangeSet) {
        for table in changes.tables {
            for change in table.rows {
                index.apply(table: table.schema.name, uuid: change.uuid, old: change.old, new: change.new)
            }
        }
    }

    /// The digest of `views` over `database`, the current contents (the index is up to
    /// date with them).
    mutating func viewDigest(for views: [TableView], of database: Database) throws(DigestError) -> ViewDigest {
        try index.viewDigest(for: views) { name in (database.table(named: name)?.rows ?? [:]).values }
    }
}
