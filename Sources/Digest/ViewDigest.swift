import IBLT
import OVSDB

/// The digest of a whole view: one `TableDigest` per table of one monitor request
/// (../shared/DESIGN.md, "The reconciliation protocol"), with the view's commitment.
///
/// The commitment is SHA-256 over, in this order (integers big-endian u32, strings as
/// their length then UTF-8 bytes):
///
/// - the tag `DSVC` (DigestSync view commitment) and version byte 0x01;
/// - the number of tables;
/// - per table, in bytewise order of table names: the table name; the number of keyed
///   columns and each column name in key order; the condition as compact JSON (OVS's
///   clause order, `Condition.json`); the table's 32-byte `KeyCommitment` root.
///
/// So two views are equal only if they have the same definition and the same keys; a
/// client that sends its commitment learns "nothing changed" from one comparison, and
/// the server computes its own in O(tables) from roots it keeps up to date. The
/// per-exchange seed plays no part: it is for IBF and estimator hashing only.
public struct ViewDigest: Sendable {
    /// The commitment's tag.
    public static let commitmentTag: [UInt8] = Array("DSVC".utf8)
    /// The commitment's version.
    public static let commitmentVersion: UInt8 = 1

    /// The tables, in bytewise order of their names.
    public private(set) var tables: [TableDigest]

    /// A view of `tables`; throws if two are of the same table.
    public init(tables: [TableDigest]) throws(DigestError) {
        let sorted = tables.sorted { Array($0.view.tableName.utf8).lexicographicallyPrecedes($1.view.tableName.utf8) }
        for (left, right) in zip(sorted, sorted.dropFirst()) where left.view.tableName == right.view.tableName {
            throw .duplicateTable(left.view.tableName)
        }
        self.tables = sorted
    }

    /// Rows in the view, over all tables.
    public var rowCount: Int {
        tables.reduce(0) { $0 + $1.count }
    }

    /// The view's commitment (see the type's documentation): O(tables) when no table
    /// changed since the last read.
    public var commitment: SHA256Digest {
        mutating get {
            var bytes = Self.commitmentTag + [Self.commitmentVersion]
            BigEndianBytes.appendUInt32(tables.count, to: &bytes)
            for index in tables.indices {
                let view = tables[index].view
                BigEndianBytes.appendString(view.tableName, to: &bytes)
                BigEndianBytes.appendUInt32(view.columns.count, to: &bytes)
                for name in view.columnNames { BigEndianBytes.appendString(name, to: &bytes) }
                let condition = view.condition.json.serialized()
                BigEndianBytes.appendUInt32(condition.count, to: &bytes)
                bytes += condition
                tables[index].root.withUnsafeBytes { bytes.append(contentsOf: $0) }
            }
            return SHA256Digest(of: bytes)
        }
    }

    /// Every key of the view, table after table: what the IBF, the strata estimator and
    /// the rateless encoder are built from.
    public var keys: [Key128] {
        var keys: [Key128] = []
        keys.reserveCapacity(rowCount)
        for table in tables { keys.append(contentsOf: table.keys) }
        return keys
    }

    /// The table and row of `key`, if the view holds it: how the keys decoded from an
    /// IBF become rows to send or rows to delete. O(tables x log n).
    public func locate(_ key: Key128) -> (table: String, uuid: OVSDBUUID)? {
        for table in tables {
            if let uuid = table.uuid(of: key) { return (table.view.tableName, uuid) }
        }
        return nil
    }

    /// The digest of the table named `name`.
    public func table(named name: String) -> TableDigest? {
        tables.first { $0.view.tableName == name }
    }

    /// Applies a commit's row change to the table it belongs to (server side; see
    /// `TableDigest.apply(uuid:old:new:)`). Changes to tables outside the view are ignored.
    public mutating func apply(table name: String, uuid: OVSDBUUID, old: Row?, new: Row?) {
        guard let index = tables.firstIndex(where: { $0.view.tableName == name }) else { return }
        tables[index].apply(uuid: uuid, old: old, new: new)
    }

    /// Sets a row of the client's replica (see `TableDigest.replace(uuid:with:)`).
    /// Rows of tables outside the view are ignored.
    public mutating func replace(table name: String, uuid: OVSDBUUID, with row: Row?) {
        guard let index = tables.firstIndex(where: { $0.view.tableName == name }) else { return }
        tables[index].replace(uuid: uuid, with: row)
    }
}
