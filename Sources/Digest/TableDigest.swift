import HashTreeCollections
import IBLT
import OVSDB

/// The digest of one table's view: the key of every row in the view, by UUID, and the
/// Merkle commitment over those keys (`KeyCommitment`), kept up to date row by row.
///
/// The server keeps one per distinct `TableView` in its `DigestIndex`, updated from
/// every commit with `apply(uuid:old:new:)`, which evaluates the view's condition. The
/// client keeps one per monitored table of its replica, updated with
/// `replace(uuid:with:)` as `update2`/`update3` notifications arrive: the server has
/// already filtered those rows by the condition, which the client cannot always
/// evaluate itself (the condition may test columns it does not monitor).
///
/// A value type: the UUID map is a persistent `TreeDictionary` and the commitment's
/// buckets are copy-on-write arrays, so a session takes a consistent snapshot by copying
/// while commits go on. Every update is O(log n) in the map plus O(n / 1,024) in the
/// commitment's bucket.
public struct TableDigest: Sendable {
    /// The view this digest is of.
    public let view: TableView
    private var encoder: RowKeyEncoder
    private var keysByUUID: TreeDictionary<OVSDBUUID, Key128>
    private var commitment: KeyCommitment

    /// The digest of the rows of `rows` that the view's condition selects (the server's
    /// build from a table snapshot).
    public init(view: TableView, rows: some Sequence<Row>) {
        var encoder = view.makeEncoder()
        self.init(view: view, encoder: encoder, entries: rows.lazy.filter(view.contains).map { row in
            KeyCommitment.Entry(key: encoder.key(uuid: row.uuid, row: row), uuid: row.uuid)
        })
    }

    /// The digest of exactly `memberRows`, which are known to be in the view (the
    /// client's build from its replica, whose rows the server filtered).
    public init(view: TableView, memberRows: some Sequence<Row>) {
        var encoder = view.makeEncoder()
        self.init(view: view, encoder: encoder, entries: memberRows.lazy.map { row in
            KeyCommitment.Entry(key: encoder.key(uuid: row.uuid, row: row), uuid: row.uuid)
        })
    }

    /// The digest of the rows of `rows` that the condition selects, with keys taken from
    /// `cache` instead of hashed (the server's build when another view of the same
    /// columns already hashed every row). `cache` must be up to date with `rows`.
    public init(view: TableView, rows: some Sequence<Row>, cache: RowKeyCache) {
        precondition(cache.keyColumns == view.keyColumns, "the cache must key the view's columns")
        var encoder = view.makeEncoder()
        self.init(view: view, encoder: encoder, entries: rows.lazy.filter(view.contains).map { row in
            KeyCommitment.Entry(key: cache.key(of: row.uuid) ?? encoder.key(uuid: row.uuid, row: row), uuid: row.uuid)
        })
    }

    private init(view: TableView, encoder: RowKeyEncoder, entries: some Sequence<KeyCommitment.Entry>) {
        self.view = view
        self.encoder = encoder
        var keysByUUID = TreeDictionary<OVSDBUUID, Key128>()
        var collected: [KeyCommitment.Entry] = []
        for entry in entries {
            keysByUUID[entry.uuid] = entry.key
            collected.append(entry)
        }
        self.keysByUUID = keysByUUID
        commitment = KeyCommitment(entries: collected)
    }

    /// Number of rows in the view.
    public var count: Int { keysByUUID.count }

    /// The root of the Merkle commitment over the view's keys (see `KeyCommitment`);
    /// a mutating read because it recomputes what changed since the last read.
    public var root: SHA256Digest {
        mutating get { commitment.root }
    }

    /// The key of row `uuid`, if the row is in the view.
    public func key(of uuid: OVSDBUUID) -> Key128? {
        keysByUUID[uuid]
    }

    /// The row whose key is `key`, if it is in the view: how a decoded key becomes a row.
    public func uuid(of key: Key128) -> OVSDBUUID? {
        commitment.uuid(forKey: key)
    }

    /// The view's keys, in bytewise key order.
    public var keys: some Sequence<Key128> {
        commitment.entries.lazy.map(\.key)
    }

    /// Applies one row change of a commit on the server: `old` is the row before (nil
    /// for an insert), `new` after (nil for a delete). The row is in the view afterwards
    /// if `new` matches the condition, so a modification can move it in or out. When the
    /// row stays in the view and no keyed column changed, nothing is hashed.
    public mutating func apply(uuid: OVSDBUUID, old: Row?, new: Row?) {
        guard let new, view.contains(new) else {
            update(uuid: uuid, key: nil)
            return
        }
        if let old, keysByUUID[uuid] != nil, encoder.hashedColumnsEqual(old, new) { return }
        update(uuid: uuid, key: encoder.key(uuid: uuid, row: new))
    }

    /// Sets row `uuid` of the client's replica to `row` (nil: the row left the replica),
    /// without evaluating the condition.
    public mutating func replace(uuid: OVSDBUUID, with row: Row?) {
        update(uuid: uuid, key: row.map { encoder.key(uuid: uuid, row: $0) })
    }

    /// Makes row `uuid` a member with key `key`, or removes it for nil: the primitive the
    /// other updates reduce to, and what `DigestIndex` calls with keys from its cache.
    public mutating func update(uuid: OVSDBUUID, key: Key128?) {
        let previous: Key128?
        if let key {
            previous = keysByUUID.updateValue(key, forKey: uuid)
        } else {
            previous = keysByUUID.removeValue(forKey: uuid)
        }
        guard previous != key else { return }
        if let previous { commitment.remove(previous) }
        if let key { commitment.insert(KeyCommitment.Entry(key: key, uuid: uuid)) }
    }
}
