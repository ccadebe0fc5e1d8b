#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension JSON {
    /// Appends the compact serialization of this value to `output`, byte for byte as
    /// OVS's `json_to_ds()` writes it without `JSSF_PRETTY` (see ``JSONSerializer``).
    ///
    /// Object members are written in insertion order, or sorted by name in bytewise
    /// order when `sortingKeys` is true (OVS's `JSSF_SORT`).
    public func serialize(into output: inout [UInt8], sortingKeys: Bool = false) {
        switch self {
        case .null:
            JSONSerializer.appendASCII("null", to: &output)
        case .bool(let value):
            JSONSerializer.appendASCII(value ? "true" : "false", to: &output)
        case .integer(let value):
            JSONSerializer.appendInteger(value, to: &output)
        case .real(let value):
            JSONSerializer.appendReal(value, to: &output)
        case .string(let value):
            JSONSerializer.appendString(value, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.serialize(into: &output, sortingKeys: sortingKeys)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            if sortingKeys {
                appendMembers(object.sortedByKey(), sortingKeys: true, to: &output)
            } else {
                appendMembers(object, sortingKeys: false, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private func appendMembers(
        _ members: some Collection<JSONObject.Element>, sortingKeys: Bool, to output: inout [UInt8]
    ) {
        var first = true
        for (key, value) in members {
            if !first { output.append(UInt8(ascii: ",")) }
            first = false
            JSONSerializer.appendString(key, to: &output)
            output.append(UInt8(ascii: ":"))
            value.serialize(into: &output, sortingKeys: sortingKeys)
        }
    }

    /// The compact serialization as bytes.
    public func serialized(sortingKeys: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        serialize(into: &output, sortingKeys: sortingKeys)
        return output
    }

    /// The compact serialization as text.
    public func serializedString(sortingKeys: Bool = false) -> String {
        String(decoding: serialized(sortingKeys: sortingKeys), as: UTF8.self)
    }
}

/// The pieces of OVS's JSON serializer (`lib/json.c`), public so that the server can
/// write rows, datums and envelopes straight into its output buffers without building
/// intermediate ``JSON`` values.
public enum JSONSerializer {
    /// Appends `string` quoted and escaped as OVS does: `"` and `\` with a backslash;
    /// backspace, tab, newline, form feed and carriage return as `\b \t \n \f \r`; other
    /// control characters as `\u00xx` (lowercase hex); everything else, including DEL,
    /// `/` and non-ASCII, as is.
    public static func appendString(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        UTF8Bytes.with(string) { bytes in
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                    index += 1
                    continue
                }
                if index > runStart {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                }
                appendEscape(byte, to: &output)
                index += 1
                runStart = index
            }
            if index > runStart {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func appendEscape(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x09: output.append(UInt8(ascii: "t"))
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        default:
            appendASCII("u00", to: &output)
            output.append(hexDigit(byte >> 4))
            output.append(hexDigit(byte & 0xF))
        }
    }

    /// The lowercase hex digit for `value` (0 to 15).
    static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// Appends `value` in decimal (`%lld`).
    public static func appendInteger(_ value: Int64, to output: inout [UInt8]) {
        if value >= 0 && value < 10 {
            output.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var magnitude = value.magnitude
            var index = buffer.count
            repeat {
                index -= 1
                buffer[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                index -= 1
                buffer[index] = UInt8(ascii: "-")
            }
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[index...]))
        }
    }

    /// Appends `value` formatted as OVS does, with `%.15g` (`DBL_DIG` significant
    /// digits): `0.1`, `1e-07`, `1e+15`, `1.23456789012346e+17`. A non-finite value, which
    /// the parser never produces, is written as `null` so the output stays valid JSON.
    public static func appendReal(_ value: Double, to output: inout [UInt8]) {
        guard value.isFinite else {
            appendASCII("null", to: &output)
            return
        }
        var buffer: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { raw in
            let capacity = raw.count
            let text = raw.baseAddress?.assumingMemoryBound(to: CChar.self)
            let length = withVaList([value]) { vsnprintf(text, capacity, "%.15g", $0) }
            let written = max(0, min(Int(length), capacity - 1))
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[0..<written]))
        }
    }

    /// Formats `value` as ``appendReal(_:to:)`` does, as text (OVS's `%.*g` with
    /// `DBL_DIG`, also used in its error messages).
    public static func formatReal(_ value: Double) -> String {
        var output: [UInt8] = []
        appendReal(value, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func appendASCII(_ text: StaticString, to output: inout [UInt8]) {
        text.withUTF8Buffer { output.append(contentsOf: $0) }
    }
}
