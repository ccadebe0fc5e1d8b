import HashTreeCollections
import IBLT
import OVSDB

/// The key of every row of one table over one set of columns, whatever any condition
/// says: the server's per-row key cache ("keys cached per row and per distinct column
/// set, updated on commit", issue 5).
///
/// Views of the same columns with different conditions (every `ovn-controller` asks for
/// the rows of its own chassis) take their keys from here, so a row is hashed once per
/// column set and per change, not once per view. `DigestIndex` owns the caches and
/// feeds them every commit's row changes.
public struct RowKeyCache: Sendable {
    /// The table and columns keyed.
    public let keyColumns: KeyColumns
    private var encoder: RowKeyEncoder
    private var keys: TreeDictionary<OVSDBUUID, Key128>

    /// The keys of every row of `rows` (a snapshot of the whole table) over the columns of
    /// `view`.
    public init(view: TableView, rows: some Sequence<Row>) {
        keyColumns = view.keyColumns
        encoder = view.makeEncoder()
        keys = TreeDictionary()
        for row in rows { keys[row.uuid] = encoder.key(uuid: row.uuid, row: row) }
    }

    /// Number of rows keyed.
    public var count: Int { keys.count }

    /// The key of row `uuid`.
    public func key(of uuid: OVSDBUUID) -> Key128? {
        keys[uuid]
    }

    /// Applies one row change of a commit (`old` nil: insert; `new` nil: delete) and
    /// returns the row's key afterwards. A modification that leaves every keyed column
    /// unchanged costs no hashing.
    @discardableResult
    public mutating func apply(uuid: OVSDBUUID, old: Row?, new: Row?) -> Key128? {
        guard let new else {
            keys.removeValue(forKey: uuid)
            return nil
        }
        if let old, let key = keys[uuid], encoder.hashedColumnsEqual(old, new) { return key }
        let key = encoder.key(uuid: uuid, row: new)
        keys[uuid] = key
        return key
    }
}
