import OVSDB

/// The values of one row in the columns of one schema index (RFC 7047 section 3.2,
/// `"indexes"`): two rows with equal keys violate the index. Used as the key of the
/// persistent per-index maps of ``Table``; hashed with Swift's `Hasher`, in memory only.
struct IndexKey: Hashable, Sendable {
    /// The row's values in the index's columns, in the index's column order.
    var values: [Datum]

    /// The key of `row` for the index over the columns at `columns`.
    init(_ row: Row, columns: [Int]) {
        values = columns.map { row.values[$0] }
    }
}
