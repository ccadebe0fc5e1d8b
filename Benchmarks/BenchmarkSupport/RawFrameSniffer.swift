/// Recognises the reply to a request in a large JSON-RPC frame from the frame's first
/// and last bytes only: the cheap id scan of ``RawJSONRPCClient``.
///
/// A JSON-RPC 1.0 reply (RFC 7047 section 4) is an object with exactly the members
/// `id`, `result` and `error`; in a large reply only `result` is large, so the `id`
/// member lies within the first or the last ``window`` bytes whatever the member order
/// (ovsdb-server writes `id` first, DigestSync's ``JSONRPCMessage`` last). The scan
/// looks there for `"id":"<id>"` (whitespace allowed around the colon) between a `{`
/// or `,` and a `,` or `}`. Inside a JSON string every `"` is escaped, so string
/// contents never match; a nested object member `"id"` with exactly the request's id
/// as its value, within those bytes, would, which no OVSDB reply carries.
enum RawFrameSniffer {
    /// How many bytes at each end of a large frame are kept and scanned.
    static let window = 256

    /// True if `head` (the frame's first bytes) or `tail` (its last bytes) holds the
    /// member `"id":"<id>"` as described above.
    static func carriesID(_ id: String, head: [UInt8], tail: [UInt8]) -> Bool {
        let value = Array("\"\(id)\"".utf8)
        return contains(value, in: head) || contains(value, in: tail)
    }

    private static let key = Array("\"id\"".utf8)

    private static func contains(_ value: [UInt8], in bytes: [UInt8]) -> Bool {
        var start = 0
        while let found = firstIndex(of: key, in: bytes, from: start) {
            start = found + 1
            guard let before = skipSpace(bytes, from: found - 1, step: -1),
                  bytes[before] == UInt8(ascii: "{") || bytes[before] == UInt8(ascii: ","),
                  let colon = skipSpace(bytes, from: found + key.count, step: 1), bytes[colon] == UInt8(ascii: ":"),
                  let valueStart = skipSpace(bytes, from: colon + 1, step: 1),
                  valueStart + value.count <= bytes.count,
                  bytes[valueStart..<(valueStart + value.count)].elementsEqual(value),
                  let after = skipSpace(bytes, from: valueStart + value.count, step: 1),
                  bytes[after] == UInt8(ascii: ",") || bytes[after] == UInt8(ascii: "}") else { continue }
            return true
        }
        return false
    }

    /// The first index from `index` on (walking by `step`) that is not JSON whitespace,
    /// or nil if the bytes end first.
    private static func skipSpace(_ bytes: [UInt8], from index: Int, step: Int) -> Int? {
        var position = index
        while bytes.indices.contains(position) {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += step
            default: return position
            }
        }
        return nil
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= pattern.count, start <= bytes.count - pattern.count else { return nil }
        for index in start...(bytes.count - pattern.count) where bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
            return index
        }
        return nil
    }
}
