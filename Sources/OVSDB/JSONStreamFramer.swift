/// Splits a byte stream into its top-level JSON values, as they complete.
///
/// JSON-RPC on OVSDB (RFC 7047 section 4) sends JSON objects back to back with no
/// length prefix or delimiter; OVS's `jsonrpc_recv()` feeds bytes to an incremental
/// parser until a value completes. A session (server or client) owns one framer, feeds
/// it each chunk it reads, and gets back every value that ended in that chunk.
///
/// The framer keeps its scanner state (nesting depth, inside a string, after a
/// backslash) across chunks, so each byte is scanned once to find where a value ends;
/// the completed value's bytes are then parsed once by ``JSON/init(parsing:limits:)-(UnsafeRawBufferPointer,_)``.
/// Values may be split at any byte, several may arrive in one chunk, and whitespace may
/// separate them. As in OVS, each top-level value must be an object or an array.
///
/// Errors are final: after a ``JSONParseError`` (malformed JSON, a value deeper than
/// `limits.maxDepth` or larger than `limits.maxBytes`) every later `feed` throws the
/// same error, and the session should close the connection, as OVS does (`EPROTO`).
/// Error offsets count bytes from the start of the stream.
public struct JSONStreamFramer: Sendable {
    /// The bounds applied to every value.
    public var limits: JSONParserLimits { scanner.limits }

    private var scanner: JSONValueScanner
    /// Bytes of the value in progress that arrived in earlier chunks.
    private var pending: [UInt8] = []
    private var failure: JSONParseError?

    /// A framer that enforces `limits` on each value.
    public init(limits: JSONParserLimits = .default) {
        scanner = JSONValueScanner(limits: limits)
    }

    /// True while a value has started but not ended (at end of stream, that means the
    /// peer closed the connection in the middle of a message).
    public var hasPartialValue: Bool { scanner.hasPartialValue }

    /// Scans `chunk` and returns the values that ended in it, in order.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer) throws(JSONParseError) -> [JSON] {
        if let failure { throw failure }
        do {
            return try frame(chunk.assumingMemoryBound(to: UInt8.self))
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func frame(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> [JSON] {
        var values: [JSON] = []
        for value in try scanner.scan(bytes) {
            values.append(try complete(value, tail: UnsafeBufferPointer(rebasing: bytes[value.range])))
        }
        let partial = min(scanner.partialLength, bytes.count)
        if partial > 0 {
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(bytes.count - partial)...]))
        }
        return values
    }

    /// Scans `chunk` and returns the values that ended in it, in order.
    public mutating func feed(_ chunk: [UInt8]) throws(JSONParseError) -> [JSON] {
        let result = chunk.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) -> [JSON] in try feed(buffer) }
        }
        return try result.get()
    }

    /// Parses the completed `value`, whose bytes in this chunk are `tail` (preceded by
    /// `pending` if it began in an earlier chunk).
    private mutating func complete(_ value: JSONValueScanner.Value,
                                   tail: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSON {
        do {
            if value.length == tail.count {
                return try JSON(parsing: UnsafeRawBufferPointer(tail), limits: limits)
            }
            pending.append(contentsOf: tail)
            defer { pending.removeAll(keepingCapacity: pending.capacity <= 1 << 20) }
            return try JSON(parsing: pending, limits: limits)
        } catch {
            throw JSONParseError(error.reason, at: value.streamStart + error.byteOffset)
        }
    }
}
