import IBLT
import OVSDB

/// Reads the members of one digest message (a JSON object) with the checks every
/// message needs: type, range, strict base64 and size limit per member, and at the end
/// no member left that the protocol does not define. The messages' `init(json:)` use it.
struct MessageFields {
    private let object: JSONObject
    private var used: Set<String> = []

    /// Starts reading `json`, named `what` in errors.
    init(_ json: JSON, what: String) throws(DigestMessageError) {
        guard case .object(let object) = json else { throw .notAnObject(what) }
        self.object = object
    }

    /// True if the message has member `name`.
    func has(_ name: String) -> Bool {
        object[name] != nil
    }

    /// The one member of `kinds` the message holds: its kind.
    func kind(of kinds: [String]) throws(DigestMessageError) -> String {
        let found = kinds.filter(has)
        guard found.count == 1 else { throw .ambiguousKind(found: found, expected: kinds) }
        return found[0]
    }

    /// Member `name`, required unless `optional`.
    mutating func value(_ name: String, optional: Bool = false) throws(DigestMessageError) -> JSON? {
        guard let value = object[name] else {
            if optional { return nil }
            throw .missingMember(name)
        }
        used.insert(name)
        return value
    }

    /// An integer member within `range`.
    mutating func integer(_ name: String, in range: ClosedRange<Int>, optional: Bool = false) throws(DigestMessageError) -> Int? {
        guard let value = try value(name, optional: optional) else { return nil }
        guard case .integer(let number) = value else { throw .wrongType(member: name, expected: "an integer") }
        guard let int = Int(exactly: number), range.contains(int) else {
            throw .invalidValue(member: name, value: String(number))
        }
        return int
    }

    /// A string member.
    mutating func string(_ name: String) throws(DigestMessageError) -> String {
        guard case .string(let text)? = try value(name) else { throw .wrongType(member: name, expected: "a string") }
        return text
    }

    /// A UUID member in canonical text form.
    mutating func uuid(_ name: String) throws(DigestMessageError) -> OVSDBUUID {
        let text = try string(name)
        guard let uuid = OVSDBUUID(text) else { throw .invalidValue(member: name, value: "\"\(text)\"") }
        return uuid
    }

    /// A base64 member of at most `limit` decoded bytes; the length is checked before
    /// decoding, so an oversized member costs nothing to reject.
    mutating func bytes(_ name: String, limit: Int) throws(DigestMessageError) -> [UInt8] {
        let text = try string(name)
        let decodedAtLeast = Base64.decodedLength(of: text.utf8.count) - 2
        guard decodedAtLeast <= limit else { throw .oversized(member: name, byteCount: decodedAtLeast, limit: limit) }
        guard let bytes = Base64.decode(text) else { throw .invalidBase64(member: name) }
        guard bytes.count <= limit else { throw .oversized(member: name, byteCount: bytes.count, limit: limit) }
        return bytes
    }

    /// A base64 member of exactly `count` bytes.
    mutating func bytes(_ name: String, count: Int) throws(DigestMessageError) -> [UInt8] {
        let bytes = try bytes(name, limit: count)
        guard bytes.count == count else { throw .wrongLength(member: name, byteCount: bytes.count, expected: count) }
        return bytes
    }

    /// A base64 member holding a SHA-256 digest.
    mutating func digest(_ name: String) throws(DigestMessageError) -> SHA256Digest {
        let bytes = try bytes(name, count: SHA256Digest.byteCount)
        guard let digest = SHA256Digest(bytes: bytes) else {
            throw .wrongLength(member: name, byteCount: bytes.count, expected: SHA256Digest.byteCount)
        }
        return digest
    }

    /// A base64 member holding 16-byte keys back to back, at most `limit` of them.
    mutating func keys(_ name: String, limit: Int, optional: Bool = false) throws(DigestMessageError) -> [Key128] {
        if optional && !has(name) { return [] }
        let bytes = try bytes(name, limit: 16 * limit)
        guard bytes.count % 16 == 0 else {
            throw .wrongLength(member: name, byteCount: bytes.count, expected: bytes.count / 16 * 16)
        }
        return stride(from: 0, to: bytes.count, by: 16).compactMap { Key128(bytes: bytes[$0..<($0 + 16)]) }
    }

    /// A table-updates2 member: any JSON object (the rows are checked when applied).
    mutating func updates(_ name: String) throws(DigestMessageError) -> JSON {
        guard let value = try value(name), case .object = value else { throw .wrongType(member: name, expected: "an object") }
        return value
    }

    /// Throws for the first member nobody read.
    func finish() throws(DigestMessageError) {
        if let extra = object.keys.first(where: { !used.contains($0) }) { throw .unexpectedMember(extra) }
    }
}

extension Base64 {
    /// The base64 text of 16-byte keys back to back.
    static func encode(keys: [Key128]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 * keys.count)
        for key in keys { bytes += key.bytes }
        return encode(bytes)
    }
}
