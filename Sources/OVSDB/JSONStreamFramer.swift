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
    public let limits: JSONParserLimits

    /// Bytes of the value in progress that arrived in earlier chunks.
    private var pending: [UInt8] = []
    /// Nesting depth in the value in progress; 0 between values.
    private var depth = 0
    private var inString = false
    private var afterBackslash = false
    /// Stream offset of the first byte of the next chunk.
    private var streamOffset = 0
    /// Stream offset of the first byte of the value in progress.
    private var valueStart = 0
    private var failure: JSONParseError?

    /// A framer that enforces `limits` on each value.
    public init(limits: JSONParserLimits = .default) {
        self.limits = limits
    }

    /// True while a value has started but not ended (at end of stream, that means the
    /// peer closed the connection in the middle of a message).
    public var hasPartialValue: Bool { depth > 0 }

    /// Scans `chunk` and returns the values that ended in it, in order.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer) throws(JSONParseError) -> [JSON] {
        var values: [JSON] = []
        try feed(chunk, into: &values)
        return values
    }

    /// Scans `chunk` and appends the values that ended in it to `values`, in order. On
    /// malformed input the values that ended before it are appended before the error is
    /// thrown, so a session can answer them first, as OVS does.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into values: inout [JSON]) throws(JSONParseError) {
        if let failure { throw failure }
        do {
            try scan(chunk.assumingMemoryBound(to: UInt8.self), into: &values)
        } catch {
            failure = error
            throw error
        }
    }

    /// Scans `chunk` and returns the values that ended in it, in order.
    public mutating func feed(_ chunk: [UInt8]) throws(JSONParseError) -> [JSON] {
        let result = chunk.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) -> [JSON] in try feed(buffer) }
        }
        return try result.get()
    }

    private mutating func scan(_ chunk: UnsafeBufferPointer<UInt8>, into values: inout [JSON]) throws(JSONParseError) {
        var index = 0
        /// Where the value in progress starts in this chunk (0 if it began earlier).
        var startInChunk = 0
        while index < chunk.count {
            if depth == 0 {
                index = try skipToValueStart(chunk, from: index)
                guard index < chunk.count else { break }
                startInChunk = index
                valueStart = streamOffset + index
                depth = 1
                index += 1
                continue
            }
            let end = try scanValue(chunk, from: index)
            if depth > 0 {
                index = chunk.count
                break
            }
            values.append(try completeValue(UnsafeBufferPointer(rebasing: chunk[startInChunk..<end])))
            index = end
        }
        if depth > 0 {
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[startInChunk..<chunk.count]))
            if pending.count > limits.maxBytes {
                throw JSONParseError(.tooLarge(limit: limits.maxBytes), at: valueStart + limits.maxBytes)
            }
        }
        streamOffset += chunk.count
    }

    /// Skips whitespace between values; returns the index of `{` or `[`, or the chunk's
    /// end.
    private func skipToValueStart(_ chunk: UnsafeBufferPointer<UInt8>, from start: Int) throws(JSONParseError) -> Int {
        var index = start
        while index < chunk.count {
            let byte = chunk[index]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                index += 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                return index
            case UInt8(ascii: "\""), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "]"), UInt8(ascii: "}"),
                 UInt8(ascii: ":"), UInt8(ascii: ","):
                throw JSONParseError(.syntaxErrorAtBeginning, at: streamOffset + index)
            default:
                throw JSONParseError(.invalidCharacter(byte), at: streamOffset + index)
            }
        }
        return index
    }

    /// Scans inside the value in progress; returns the index just past its last byte,
    /// or the chunk's end if it continues in a later chunk.
    private mutating func scanValue(_ chunk: UnsafeBufferPointer<UInt8>, from start: Int) throws(JSONParseError) -> Int {
        var index = start
        while index < chunk.count {
            let byte = chunk[index]
            index += 1
            if inString {
                if afterBackslash {
                    afterBackslash = false
                } else if byte == UInt8(ascii: "\\") {
                    afterBackslash = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > limits.maxDepth {
                    throw JSONParseError(.tooDeep(limit: limits.maxDepth), at: streamOffset + index - 1)
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return index }
            default:
                break
            }
        }
        return index
    }

    /// Parses the completed value whose bytes in this chunk are `tail` (preceded by
    /// `pending` if it began in an earlier chunk).
    private mutating func completeValue(_ tail: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSON {
        if pending.count + tail.count > limits.maxBytes {
            throw JSONParseError(.tooLarge(limit: limits.maxBytes), at: valueStart + limits.maxBytes)
        }
        do {
            if pending.isEmpty {
                return try JSON(parsing: UnsafeRawBufferPointer(tail), limits: limits)
            }
            pending.append(contentsOf: tail)
            defer { pending.removeAll(keepingCapacity: pending.capacity <= 1 << 20) }
            return try JSON(parsing: pending, limits: limits)
        } catch {
            throw JSONParseError(error.reason, at: valueStart + error.byteOffset)
        }
    }
}
