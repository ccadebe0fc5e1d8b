import IBLT
import OVSDB

/// Computes a row's key: the element that stands for the row in a view's set, in IBFs,
/// strata estimators, rateless symbols and the view's commitment (../shared/DESIGN.md,
/// "The reconciliation protocol").
///
/// The key is the first 16 bytes of the SHA-256 (libcrypto) of the row's canonical
/// encoding, read into a `Key128` as `Key128(bytes:)` does. The server and the client
/// must produce identical bytes, so the encoding is fixed here byte by byte (version 1);
/// `Tests/DigestTests/Reference/row_key.py` implements it independently and the tests
/// compare the two on fixed vectors and on random rows. All integers are big-endian.
///
/// | bytes | field |
/// |---|---|
/// | 4 | tag `DSRK` (0x44 0x53 0x52 0x4b): DigestSync row key |
/// | 1 | encoding version, 0x01 |
/// | 4 + n | table name: length n (u32), UTF-8 bytes |
/// | 16 | row UUID: its 32 hex digits as 16 bytes, in text order |
/// | 4 | number of columns that follow (u32) |
/// | per column | the monitored columns, never `_uuid` or `_version`, sorted by name bytes (unsigned bytewise, shorter first on a tie) |
/// | 4 + n | column name: length (u32), UTF-8 bytes |
/// | 1 | kind: 0x00 set (also scalars and optional scalars), 0x01 map (the column type has a value type); an empty value takes its column's kind |
/// | 4 | number of elements: atoms of a set, pairs of a map (u32) |
/// | ... | the elements in OVSDB atom order (a datum keeps them sorted): a set's atoms; a map's key atom then value atom, pair by pair |
///
/// Each atom is a type byte and a body:
///
/// | type | body |
/// |---|---|
/// | 0x01 integer | 8 bytes, two's complement |
/// | 0x02 real | length (u32) and ASCII of its canonical JSON text: `%.15g` as `JSONSerializer.appendReal` writes it, with `-0` written `0` |
/// | 0x03 boolean | 1 byte, 0x00 false or 0x01 true |
/// | 0x04 string | length (u32) and UTF-8 bytes |
/// | 0x05 uuid | 16 bytes, as the row UUID |
///
/// Reals are hashed as text because the server keeps full doubles while the client only
/// ever sees the `%.15g` text: text -> double -> text is stable at 15 significant digits,
/// so both sides agree only on the text. `-0` becomes `0` because a client parses the
/// JSON `-0` as the integer 0. `_version` is never hashed: the server regenerates it on
/// every restart, so a view keyed by it would never survive one.
///
/// An encoder is made once per (table, column set) and reused for every row: its buffer
/// keeps its capacity and the per-column headers are precomputed, so hashing a row
/// allocates nothing in Swift (libcrypto's one-shot `EVP_Digest` does its own work).
public struct RowKeyEncoder: Sendable {
    /// The table whose rows this encoder keys.
    public let table: TableSchema
    /// The column indexes hashed, in encoding order (sorted by name bytes).
    public let columns: [Int]
    /// The tag, version and table name: the start of every encoding.
    private let prefix: [UInt8]
    /// Per column, in encoding order: the name field and the kind byte.
    private let columnHeaders: [[UInt8]]
    /// Per column, in encoding order: true for maps.
    private let isMap: [Bool]
    private var buffer: [UInt8] = []

    /// The encoding's tag.
    public static let tag: [UInt8] = Array("DSRK".utf8)
    /// The encoding version this build writes.
    public static let version: UInt8 = 1

    /// An encoder for rows of `table` over the columns `columns` (indexes into
    /// `table.columns`, any order). `_uuid` and `_version` are dropped. Throws for an index
    /// outside the table or given twice.
    public init(table: TableSchema, columns: [Int]) throws(DigestError) {
        self.init(table: table, checkedColumns: try Self.keyColumns(table: table, columns: columns))
    }

    /// An encoder over columns already checked and sorted by `keyColumns(table:columns:)`.
    init(table: TableSchema, checkedColumns columns: [Int]) {
        self.table = table
        self.columns = columns
        var prefix = Self.tag + [Self.version]
        BigEndianBytes.appendString(table.name, to: &prefix)
        self.prefix = prefix
        columnHeaders = self.columns.map { index in
            var header: [UInt8] = []
            BigEndianBytes.appendString(table.columns[index].name, to: &header)
            header.append(table.columns[index].type.isMap ? 1 : 0)
            return header
        }
        isMap = self.columns.map { table.columns[$0].type.isMap }
        buffer.reserveCapacity(256)
    }

    /// `columns` without `_uuid` and `_version`, checked, sorted by name bytes.
    static func keyColumns(table: TableSchema, columns: [Int]) throws(DigestError) -> [Int] {
        var seen = Set<Int>()
        for index in columns {
            guard table.columns.indices.contains(index) else {
                throw .unknownColumn(table: table.name, column: "#\(index)")
            }
            guard seen.insert(index).inserted else {
                throw .duplicateColumn(table: table.name, column: table.columns[index].name)
            }
        }
        return columns
            .filter { $0 != TableSchema.uuidColumn && $0 != TableSchema.versionColumn }
            .sorted { Array(table.columns[$0].name.utf8).lexicographicallyPrecedes(table.columns[$1].name.utf8) }
    }

    /// The key of the row `uuid` whose values are `row` (a row of `table`).
    public mutating func key(uuid: OVSDBUUID, row: Row) -> Key128 {
        encode(uuid: uuid, row: row)
        return buffer.withUnsafeBytes { SHA256Digest(of: $0) }.prefixKey
    }

    /// The canonical encoding of the row (what `key(uuid:row:)` hashes): for test
    /// vectors and for debugging a disagreement between two implementations.
    public mutating func encoding(uuid: OVSDBUUID, row: Row) -> [UInt8] {
        encode(uuid: uuid, row: row)
        return buffer
    }

    /// True when `old` and `new` hold equal values in every hashed column, so the key
    /// cannot have changed: a commit that touched only other columns costs no hashing.
    public func hashedColumnsEqual(_ old: Row, _ new: Row) -> Bool {
        columns.allSatisfy { old.values[$0] == new.values[$0] }
    }

    private mutating func encode(uuid: OVSDBUUID, row: Row) {
        // A local buffer, uniquely referenced, so appends never check for a copy.
        var output = buffer
        buffer = []
        output.removeAll(keepingCapacity: true)
        output.append(contentsOf: prefix)
        BigEndianBytes.appendUUID(uuid, to: &output)
        BigEndianBytes.appendUInt32(columns.count, to: &output)
        row.values.withUnsafeBufferPointer { values in
            for position in columns.indices {
                output.append(contentsOf: columnHeaders[position])
                let datum = values[columns[position]]
                BigEndianBytes.appendUInt32(datum.count, to: &output)
                if isMap[position], let mapValues = datum.values {
                    for (key, value) in zip(datum.keys, mapValues) {
                        Self.appendAtom(key, to: &output)
                        Self.appendAtom(value, to: &output)
                    }
                } else {
                    for atom in datum.keys { Self.appendAtom(atom, to: &output) }
                }
            }
        }
        buffer = output
    }

    private static func appendAtom(_ atom: Atom, to output: inout [UInt8]) {
        switch atom {
        case .integer(let value):
            output.append(0x01)
            BigEndianBytes.appendUInt64(UInt64(bitPattern: value), to: &output)
        case .real(let value):
            output.append(0x02)
            let lengthAt = output.count
            BigEndianBytes.appendUInt32(0, to: &output)
            JSONSerializer.appendReal(value == 0 ? 0 : value, to: &output)
            let length = output.count - lengthAt - 4
            for index in 0..<4 {
                output[lengthAt + index] = UInt8(truncatingIfNeeded: length >> (8 * (3 - index)))
            }
        case .boolean(let value):
            output.append(0x03)
            output.append(value ? 1 : 0)
        case .string(let value):
            output.append(0x04)
            BigEndianBytes.appendString(value, to: &output)
        case .uuid(let value):
            output.append(0x05)
            BigEndianBytes.appendUUID(value, to: &output)
        }
    }
}
