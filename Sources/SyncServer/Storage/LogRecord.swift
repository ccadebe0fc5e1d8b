import OVSDB

/// One record of an OVSDB standalone log file (OVS's `ovsdb/log.c`): the header line
/// `OVSDB JSON <length> <sha1>` and its body, one JSON object. Record 0 holds the
/// schema, each later one a committed transaction or a compaction snapshot.
public struct LogRecord: Sendable {
    /// Where the record sits in the file, and its checksum: what the network server
    /// derives transaction ids from, so they survive restarts.
    public struct Position: Hashable, Sendable {
        /// The record's number: 0 for the schema, then 1, 2, ... in file order.
        public var number: Int
        /// The byte offset of the header line.
        public var offset: Int
        /// Header and body length in bytes: the next record starts at `offset + length`.
        public var length: Int
        /// The SHA-1 of the body as the header gives it, 40 lowercase hex digits.
        public var sha1: String

        /// The offset just past the record.
        public var end: Int { offset + length }
    }

    /// Where the record is.
    public var position: Position
    /// The body.
    public var json: JSONObject

    /// The header line and body of a record holding `json`, as OVS writes it: the body is
    /// the compact serialization followed by a newline, the header gives its length and
    /// SHA-1.
    static func encode(_ json: JSON) -> (bytes: [UInt8], sha1: String) {
        encode(body: json.serialized())
    }

    /// The header line and body of a record whose body, without its final newline, is
    /// the serialized JSON object `body`.
    static func encode(body serialized: [UInt8]) -> (bytes: [UInt8], sha1: String) {
        var body = serialized
        body.append(UInt8(ascii: "\n"))
        let sha1 = SHA1.hex(body)
        var bytes = Array("OVSDB JSON \(body.count) \(sha1)\n".utf8)
        bytes += body
        return (bytes, sha1)
    }
}
