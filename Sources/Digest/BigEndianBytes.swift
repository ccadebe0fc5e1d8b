import OVSDB

/// Appends the big-endian fields of this module's canonical encodings: the row key
/// encoding (`RowKeyEncoder`) and the view commitment (`ViewDigest`).
enum BigEndianBytes {
    /// Appends `value` as 4 bytes (it must fit 32 bits: lengths and counts).
    @inline(__always)
    static func appendUInt32(_ value: Int, to output: inout [UInt8]) {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).bigEndian) { output.append(contentsOf: $0) }
    }

    /// Appends `value` as 8 bytes.
    @inline(__always)
    static func appendUInt64(_ value: UInt64, to output: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { output.append(contentsOf: $0) }
    }

    /// Appends the UTF-8 length (4 bytes) and bytes of `string`.
    static func appendString(_ string: String, to output: inout [UInt8]) {
        var string = string
        string.withUTF8 { bytes in
            appendUInt32(bytes.count, to: &output)
            output.append(contentsOf: bytes)
        }
    }

    /// Appends the 16 bytes of `uuid`, in the order of its text.
    @inline(__always)
    static func appendUUID(_ uuid: OVSDBUUID, to output: inout [UInt8]) {
        withUnsafeBytes(of: (uuid.high.bigEndian, uuid.low.bigEndian)) { output.append(contentsOf: $0) }
    }
}
