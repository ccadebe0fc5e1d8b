/// Reads little-endian fixed-width fields from untrusted bytes, checking the length
/// before every read: the reading half of the wire formats of this module. Every failure
/// is a `WireFormatError` naming the field, never a trap.
struct WireReader {
    private let bytes: [UInt8]
    /// Offset of the next unread byte.
    private(set) var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Total input length.
    var count: Int { bytes.count }
    /// Bytes not read yet.
    var remaining: Int { bytes.count - offset }

    /// Throws unless `byteCount` more bytes are available for `field`.
    func require(_ byteCount: Int, for field: String) throws(WireFormatError) {
        guard byteCount >= 0, byteCount <= remaining else {
            throw .truncated(field: field, offset: offset, needed: byteCount)
        }
    }

    mutating func readUInt8(_ field: String) throws(WireFormatError) -> UInt8 {
        UInt8(truncatingIfNeeded: try readLittleEndian(byteCount: 1, field: field))
    }

    mutating func readUInt16(_ field: String) throws(WireFormatError) -> UInt16 {
        UInt16(truncatingIfNeeded: try readLittleEndian(byteCount: 2, field: field))
    }

    mutating func readUInt32(_ field: String) throws(WireFormatError) -> UInt32 {
        UInt32(truncatingIfNeeded: try readLittleEndian(byteCount: 4, field: field))
    }

    mutating func readUInt64(_ field: String) throws(WireFormatError) -> UInt64 {
        try readLittleEndian(byteCount: 8, field: field)
    }

    mutating func readKey(_ field: String) throws(WireFormatError) -> Key128 {
        let low = try readUInt64(field)
        return Key128(low: low, high: try readUInt64(field))
    }

    /// A cell written by `WireWriter.writeCell(_:)`.
    mutating func readCell() throws(WireFormatError) -> Cell {
        try require(WireFormat.cellBytes, for: "cell")
        let count = Int32(bitPattern: try readUInt32("cell count"))
        let keySum = try readKey("cell keySum")
        return Cell(keySum: keySum, hashSum: try readUInt64("cell hashSum"), count: count)
    }

    /// Throws unless every byte has been read.
    func finish() throws(WireFormatError) {
        guard remaining == 0 else { throw .trailingBytes(count: remaining) }
    }

    private mutating func readLittleEndian(byteCount: Int, field: String) throws(WireFormatError) -> UInt64 {
        try require(byteCount, for: field)
        var value: UInt64 = 0
        for index in 0..<byteCount {
            value |= UInt64(bytes[offset + index]) << (8 * UInt64(index))
        }
        offset += byteCount
        return value
    }
}
