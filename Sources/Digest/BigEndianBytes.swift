import OVSDB

/// Appends the big-endian fields of this module's canonical encodings: the row key
/// encoding (`RowKeyEncoder`) and the view commitment (`ViewDigest`).
enum BigEndianBytes {
    /// Appends `value` as 4 bytes (it must fit 32 bits: lengths and counts).
    static func appendUInt32(_ value: Int, to output: inout [UInt8]) {
        let value = UInt32(truncatingIfNeeded: value)
        for shift in stride(from: 24, through: 0, by: -8) { output.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// Appends `value` as 8 bytes.
    static func appendUInt64(_ value: UInt64, to output: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { output.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// Appends the UTF-8 length (4 bytes) and bytes of `string`.
    static func appendString(_ string: String, to output: inout [UInt8]) {
        appendUInt32(string.utf8.count, to: &output)
        output.append(contentsOf: string.utf8)
    }

    /// Appends the 16 bytes of `uuid`, in the order of its text.
    static func appendUUID(_ uuid: OVSDBUUID, to output: inout [UInt8]) {
        appendUInt64(uuid.high, to: &output)
        appendUInt64(uuid.low, to: &output)
    }
}
