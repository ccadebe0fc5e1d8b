import HashTreeCollections
import OVSDB

/// One table of a ``Database``: its rows plus the bookkeeping that lets a commit check
/// references, garbage and indexes in time proportional to the rows it touches (OVS's
/// `struct ovsdb_table` with each row's `n_refs` and `dst_refs`, and its index hmaps).
///
/// Every field is a persistent map (`TreeDictionary`), so copying a table, and hence a
/// whole database, is O(1), and a commit's path copies cost O(log n) per touched row:
/// a snapshot handed to a monitor or a digest resync stays valid and cheap while
/// commits go on.
public struct Table: Sendable {
    /// The fields, in a box shared by copies until one of them changes (copy on
    /// write), so that copying a table, and the array of tables of a database, costs one
    /// reference count instead of one per field.
    private var storage: Storage

    /// The table's schema.
    public var schema: TableSchema { storage.schema }

    /// The rows by `_uuid`.
    public internal(set) var rows: TreeDictionary<OVSDBUUID, Row> {
        get { storage.rows }
        _modify {
            makeUnique()
            yield &storage.rows
        }
    }

    /// How many strong references other rows hold to each row (self references do not
    /// count, as in OVS's `n_refs`); rows without references have no entry. A non-root
    /// row whose count drops to zero is garbage-collected at commit.
    var strongReferenceCounts: TreeDictionary<OVSDBUUID, Int> {
        get { storage.strongReferenceCounts }
        _modify {
            makeUnique()
            yield &storage.strongReferenceCounts
        }
    }

    /// The rows that hold weak references to each row (OVS's `dst_refs`), so that
    /// deleting a row edits exactly the rows that refer to it.
    var weakReferrers: TreeDictionary<OVSDBUUID, TreeSet<RowReference>> {
        get { storage.weakReferrers }
        _modify {
            makeUnique()
            yield &storage.weakReferrers
        }
    }

    /// One map per schema index (``TableSchema/indexes``), from index key to the row
    /// that holds it.
    var indexes: [TreeDictionary<IndexKey, OVSDBUUID>] {
        get { storage.indexes }
        _modify {
            makeUnique()
            yield &storage.indexes
        }
    }

    /// An empty table of `schema`.
    public init(schema: TableSchema) {
        storage = Storage(schema: schema, rows: [:], strongReferenceCounts: [:], weakReferrers: [:],
                          indexes: Array(repeating: [:], count: schema.indexes.count))
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) {
            storage = Storage(schema: storage.schema, rows: storage.rows, strongReferenceCounts: storage.strongReferenceCounts,
                              weakReferrers: storage.weakReferrers, indexes: storage.indexes)
        }
    }

    /// The box of a ``Table``'s fields. It is only mutated through a table that holds
    /// the sole reference to it (``makeUnique()``), so sharing it between copies, and
    /// threads, is safe.
    private final class Storage: @unchecked Sendable {
        let schema: TableSchema
        var rows: TreeDictionary<OVSDBUUID, Row>
        var strongReferenceCounts: TreeDictionary<OVSDBUUID, Int>
        var weakReferrers: TreeDictionary<OVSDBUUID, TreeSet<RowReference>>
        var indexes: [TreeDictionary<IndexKey, OVSDBUUID>]

        init(schema: TableSchema, rows: TreeDictionary<OVSDBUUID, Row>, strongReferenceCounts: TreeDictionary<OVSDBUUID, Int>,
             weakReferrers: TreeDictionary<OVSDBUUID, TreeSet<RowReference>>, indexes: [TreeDictionary<IndexKey, OVSDBUUID>]) {
            self.schema = schema
            self.rows = rows
            self.strongReferenceCounts = strongReferenceCounts
            self.weakReferrers = weakReferrers
            self.indexes = indexes
        }
    }

    /// The row called `uuid`, if present.
    public subscript(uuid: OVSDBUUID) -> Row? {
        rows[uuid]
    }

    /// The number of rows.
    public var count: Int { rows.count }

    /// The number of strong references other rows hold to row `uuid`.
    public func strongReferenceCount(of uuid: OVSDBUUID) -> Int {
        strongReferenceCounts[uuid] ?? 0
    }

    /// The rows, sorted by UUID: a deterministic order for replies and snapshots
    /// (O(n log n); OVS uses its hash order).
    public var sortedRows: [Row] {
        rows.sorted { $0.key < $1.key }.map(\.value)
    }
}
