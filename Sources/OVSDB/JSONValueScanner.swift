/// The byte scanner shared by ``JSONStreamFramer`` and ``JSONBoundaryFramer``: finds
/// where each top-level JSON value of a stream ends, without parsing it.
///
/// It tracks, across chunks, the nesting depth of the value in progress and whether it
/// is inside a string (and after a backslash there), so each byte is looked at once.
/// Between values it accepts only whitespace and requires each value to start with `{`
/// or `[` (OVS sends nothing else); it enforces `limits.maxDepth` as brackets open and
/// `limits.maxBytes` on each value's size. Everything else about the value's syntax is
/// left to whoever parses its bytes. Errors are final: once one is thrown, every later
/// scan throws it again. Error offsets count bytes from the start of the stream.
struct JSONValueScanner: Sendable {
    /// A value that ended in the chunk just scanned.
    struct Value: Equatable, Sendable {
        /// Its bytes within the chunk; starts at 0 if the value began in an earlier chunk.
        var range: Range<Int>
        /// Its whole size in bytes, including the part in earlier chunks.
        var length: Int
        /// The stream offset of its first byte.
        var streamStart: Int
    }

    let limits: JSONParserLimits
    /// Nesting depth in the value in progress; 0 between values.
    private var depth = 0
    private var inString = false
    private var afterBackslash = false
    /// Stream offset of the first byte of the next chunk.
    private var streamOffset = 0
    /// Stream offset of the first byte of the value in progress.
    private var valueStart = 0
    private var failure: JSONParseError?

    init(limits: JSONParserLimits) {
        self.limits = limits
    }

    /// True while a value has started but not ended.
    var hasPartialValue: Bool { depth > 0 }

    /// Bytes received so far of the value in progress (0 between values).
    var partialLength: Int { depth > 0 ? streamOffset - valueStart : 0 }

    /// Scans `chunk` and returns the values that ended in it, in order.
    mutating func scan(_ chunk: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> [Value] {
        if let failure { throw failure }
        do {
            return try scanChecked(chunk)
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func scanChecked(_ chunk: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> [Value] {
        var values: [Value] = []
        var index = 0
        while index < chunk.count {
            if depth == 0 {
                index = try skipToValueStart(chunk, from: index)
                guard index < chunk.count else { break }
                valueStart = streamOffset + index
                depth = 1
                index += 1
                continue
            }
            let end = try scanValue(chunk, from: index)
            if depth > 0 { break }
            let length = streamOffset + end - valueStart
            try checkSize(length)
            values.append(Value(range: max(0, valueStart - streamOffset)..<end, length: length, streamStart: valueStart))
            index = end
        }
        streamOffset += chunk.count
        if depth > 0 {
            try checkSize(streamOffset - valueStart)
        }
        return values
    }

    private func checkSize(_ length: Int) throws(JSONParseError) {
        if length > limits.maxBytes {
            throw JSONParseError(.tooLarge(limit: limits.maxBytes), at: valueStart + limits.maxBytes)
        }
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
}
