/// Standard base64 (RFC 4648 section 4, with `=` padding): how the digest messages carry
/// binary payloads (IBFs, estimators, coded symbols, keys, digests) inside JSON strings,
/// at 4/3 of their size.
///
/// Decoding is strict, so every binary field has exactly one spelling: only the 64
/// alphabet characters, a length that is a multiple of 4, padding only at the end, and
/// zero bits in the unused low bits of the last character (RFC 4648 section 3.5).
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The value of each byte in the alphabet, 0xff for bytes outside it.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xff, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()

    /// The length of the encoding of `byteCount` bytes.
    static func encodedLength(of byteCount: Int) -> Int {
        (byteCount + 2) / 3 * 4
    }

    /// The largest number of bytes an encoding of `length` characters can decode to.
    static func decodedLength(of length: Int) -> Int {
        length / 4 * 3
    }

    /// The encoding of `bytes`.
    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(encodedLength(of: bytes.count))
        var index = 0
        while index + 3 <= bytes.count {
            let group = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { output.append(alphabet[Int((group >> UInt32(shift)) & 63)]) }
            index += 3
        }
        let remaining = bytes.count - index
        if remaining > 0 {
            let group = UInt32(bytes[index]) << 16 | (remaining == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            output.append(alphabet[Int((group >> 18) & 63)])
            output.append(alphabet[Int((group >> 12) & 63)])
            output.append(remaining == 2 ? alphabet[Int((group >> 6) & 63)] : UInt8(ascii: "="))
            output.append(UInt8(ascii: "="))
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes `text` encodes, or nil if it is not a strict encoding.
    static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 4 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(decodedLength(of: characters.count))
        var index = 0
        while index < characters.count {
            let isLast = index + 4 == characters.count
            let padding = isLast ? (characters[index + 3] == UInt8(ascii: "=") ? 1 : 0)
                + (characters[index + 2] == UInt8(ascii: "=") ? 1 : 0) : 0
            guard padding == 0 || characters[index + 3] == UInt8(ascii: "=") else { return nil }
            var group: UInt32 = 0
            for offset in 0..<(4 - padding) {
                let value = values[Int(characters[index + offset])]
                guard value != 0xff else { return nil }
                group = group << 6 | UInt32(value)
            }
            group <<= UInt32(6 * padding)
            let unusedBits: UInt32 = padding == 2 ? 0xffff : (padding == 1 ? 0xff : 0)
            guard group & unusedBits == 0 else { return nil }
            output.append(UInt8(truncatingIfNeeded: group >> 16))
            if padding < 2 { output.append(UInt8(truncatingIfNeeded: group >> 8)) }
            if padding < 1 { output.append(UInt8(truncatingIfNeeded: group)) }
            index += 4
        }
        return output
    }
}
