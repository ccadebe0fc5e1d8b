/// Appends little-endian fixed-width fields to a byte array: the writing half of the
/// wire formats of this module.
struct WireWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []

    /// A writer whose buffer is reserved for `capacity` bytes.
    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    mutating func writeUInt8(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func writeUInt16(_ value: UInt16) {
        writeLittleEndian(UInt64(value), byteCount: 2)
    }

    mutating func writeUInt32(_ value: UInt32) {
        writeLittleEndian(UInt64(value), byteCount: 4)
    }

    mutating func writeUInt64(_ value: UInt64) {
        writeLittleEndian(value, byteCount: 8)
    }

    mutating func writeKey(_ key: Key128) {
        writeUInt64(key.low)
        writeUInt64(key.high)
    }

    /// A cell as count, keySum, hashSum (28 bytes).
    mutating func writeCell(_ cell: Cell) {
        writeUInt32(UInt32(bitPattern: cell.count))
        writeKey(cell.keySum)
        writeUInt64(cell.hashSum)
    }

    private mutating func writeLittleEndian(_ value: UInt64, byteCount: Int) {
        for index in 0..<byteCount {
            bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))))
        }
    }
}
