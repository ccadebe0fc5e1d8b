import IBLT
import OVSDB

/// The server's digests of every view some session asked for, shared between sessions
/// and kept up to date from every commit, so that after a restart 500 clients with the
/// same view cost one build and "nothing changed" costs one comparison each.
///
/// Two levels, both fed by `apply(table:uuid:old:new:)` with each commit's row changes
/// (the engine's types stay out of this module):
///
/// - a `RowKeyCache` per (table, keyed columns): every row's key, whatever the
///   condition, so views that differ only by condition (one per `ovn-controller`
///   chassis) never hash a row twice;
/// - a `TableDigest` per distinct `TableView` (table, columns, condition), built on first
///   use from a snapshot of the table and the cache.
///
/// Bounded: at most `Limits.maximumViews` table views, and at most
/// `Limits.maximumEntries` rows held over all views and caches (a proxy for memory: a
/// row costs about 100 bytes in a view and 50 in a cache). When a new view goes over
/// either bound, the least recently used views are dropped, and with the last view of a
/// column set its cache; a dropped view is rebuilt on its next use.
///
/// Not synchronized: the server calls it from the one context that applies commits, so
/// a build always sees a snapshot consistent with the changes applied so far.
public struct DigestIndex: Sendable {
    /// The bounds of an index.
    public struct Limits: Hashable, Sendable {
        /// Most table views kept.
        public var maximumViews: Int
        /// Most rows kept over all views and caches.
        public var maximumEntries: Int

        /// Bounds from their parts.
        public init(maximumViews: Int, maximumEntries: Int) {
            self.maximumViews = maximumViews
            self.maximumEntries = maximumEntries
        }

        /// 4,096 table views and 20 million rows (about 2 GB at the estimates above).
        public static let standard = Limits(maximumViews: 4096, maximumEntries: 20_000_000)
    }

    private struct Slot: Sendable {
        var digest: TableDigest
        var lastUse: UInt64
    }

    /// Everything kept for one table.
    private struct TableEntry: Sendable {
        var caches: [KeyColumns: RowKeyCache] = [:]
        var views: [TableView: Slot] = [:]
    }

    /// The bounds in force.
    public let limits: Limits
    private var tables: [String: TableEntry] = [:]
    private var clock: UInt64 = 0
    /// Number of `TableDigest`s built since the index was made: how many requests were
    /// not served from what was kept.
    public private(set) var buildCount = 0

    /// An empty index.
    public init(limits: Limits = .standard) {
        self.limits = limits
    }

    /// Number of table views kept.
    public var viewCount: Int {
        tables.values.reduce(0) { $0 + $1.views.count }
    }

    /// Rows held over all views and caches (what `Limits.maximumEntries` bounds).
    public var entryCount: Int {
        tables.values.reduce(0) { total, entry in
            total + entry.views.values.reduce(0) { $0 + $1.digest.count } + entry.caches.values.reduce(0) { $0 + $1.count }
        }
    }

    /// The digest of `view`, shared when an equal view was asked for before, otherwise
    /// built from `rows()` (a snapshot of the whole table, consistent with every change
    /// applied so far), which is called only then.
    public mutating func tableDigest<Rows: Sequence<Row>>(for view: TableView, rows: () -> Rows) -> TableDigest {
        clock += 1
        let name = view.tableName
        if tables[name]?.views[view] != nil {
            tables[name]?.views[view]?.lastUse = clock
            // Bring the shared digest's Merkle paths up to date here, once: otherwise
            // every exchange's copy would recompute them (all of them after a restart).
            _ = tables[name]?.views[view]?.digest.root
            if let digest = tables[name]?.views[view]?.digest { return digest }
        }
        let snapshot = rows()
        var entry = tables[name] ?? TableEntry()
        let cache = entry.caches[view.keyColumns] ?? RowKeyCache(view: view, rows: snapshot)
        entry.caches[view.keyColumns] = cache
        var digest = TableDigest(view: view, rows: snapshot, cache: cache)
        _ = digest.root
        entry.views[view] = Slot(digest: digest, lastUse: clock)
        tables[name] = entry
        buildCount += 1
        evict(keeping: view)
        return digest
    }

    /// The digest of a monitor request's views, one per table, each from `tableDigest`;
    /// `rows(name)` gives the snapshot of the table called `name`. Throws if two views
    /// are of the same table.
    public mutating func viewDigest<Rows: Sequence<Row>>(for views: [TableView], rows: (String) -> Rows) throws(DigestError) -> ViewDigest {
        try ViewDigest(tables: views.map { view in tableDigest(for: view) { rows(view.tableName) } })
    }

    /// Applies one row change of a commit to every cache and view of `table`: `old` is
    /// the row before (nil for an insert), `new` after (nil for a delete). A row is
    /// hashed at most once per column set, and only if a keyed column changed.
    public mutating func apply(table name: String, uuid: OVSDBUUID, old: Row?, new: Row?) {
        guard var entry = tables.removeValue(forKey: name) else { return }
        // In place, by position: no copy of the keys and no lookup per cache or view.
        for position in entry.caches.indices {
            entry.caches.values[position].apply(uuid: uuid, old: old, new: new)
        }
        for position in entry.views.indices {
            let view = entry.views.keys[position]
            let member = new.map(view.contains) ?? false
            let key = member ? entry.caches[view.keyColumns]?.key(of: uuid) : nil
            entry.views.values[position].digest.update(uuid: uuid, key: key)
        }
        tables[name] = entry
    }

    /// Forgets every view and cache: after a schema change, or when the database goes.
    public mutating func removeAll() {
        tables.removeAll()
    }

    /// Drops least recently used views (and caches no view uses any more) until the
    /// limits hold, never `kept`.
    private mutating func evict(keeping kept: TableView) {
        var views = viewCount
        var entries = entryCount
        while views > limits.maximumViews || entries > limits.maximumEntries {
            let candidates = tables.flatMap { name, entry in
                entry.views.compactMap { view, slot in view == kept ? nil : (name, view, slot.lastUse) }
            }
            guard let (name, view, _) = candidates.min(by: { $0.2 < $1.2 }),
                  var entry = tables[name], let slot = entry.views.removeValue(forKey: view) else { return }
            views -= 1
            entries -= slot.digest.count
            if !entry.views.keys.contains(where: { $0.keyColumns == view.keyColumns }),
               let cache = entry.caches.removeValue(forKey: view.keyColumns) {
                entries -= cache.count
            }
            tables[name] = entry.views.isEmpty && entry.caches.isEmpty ? nil : entry
        }
    }
}
