/// Finds where the top-level JSON values of a byte stream end and how long they are,
/// without buffering or parsing them: the cheap sibling of ``JSONStreamFramer``.
///
/// For peers that only need to count or route messages, such as `digestsync-bench`'s
/// raw JSON-RPC clients that receive an OVSDB initial snapshot of tens of megabytes per
/// client and only count its bytes and frames. It runs the same scanner as
/// ``JSONStreamFramer`` (one pass per byte, state kept across chunks, values split at
/// any byte, whitespace between values, each value an object or an array, the same
/// `maxDepth` and `maxBytes` bounds and stream offsets in errors), so both report the
/// same boundaries on the same stream. It keeps no bytes, and so it does not check what
/// lies inside a value: a value that ``JSONStreamFramer`` would reject as malformed
/// (an unknown keyword, a bad number) is reported here as a boundary like any other.
/// Errors are final, as in ``JSONStreamFramer``.
public struct JSONBoundaryFramer: Sendable {
    /// A top-level value that ended in the chunk just fed.
    public struct Boundary: Hashable, Sendable {
        /// The index in the chunk just past the value's last byte.
        public var end: Int
        /// The value's whole size in bytes, including any part in earlier chunks (so its
        /// bytes in this chunk start at `max(0, end - length)`).
        public var length: Int

        /// A boundary at `end` of a value of `length` bytes.
        public init(end: Int, length: Int) {
            self.end = end
            self.length = length
        }
    }

    /// The bounds applied to every value.
    public var limits: JSONParserLimits { scanner.limits }

    private var scanner: JSONValueScanner

    /// A framer that enforces `limits` on each value.
    public init(limits: JSONParserLimits = .default) {
        scanner = JSONValueScanner(limits: limits)
    }

    /// True while a value has started but not ended.
    public var hasPartialValue: Bool { scanner.hasPartialValue }

    /// Bytes received so far of the value in progress, 0 between values. After a
    /// `feed`, the last `min(partialLength, chunk.count)` bytes of the chunk belong to it.
    public var partialLength: Int { scanner.partialLength }

    /// Scans `chunk` and returns the end and length of each value that ended in it, in
    /// order.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer) throws(JSONParseError) -> [Boundary] {
        try scanner.scan(chunk.assumingMemoryBound(to: UInt8.self)).map {
            Boundary(end: $0.range.upperBound, length: $0.length)
        }
    }

    /// Scans `chunk` and returns the end and length of each value that ended in it, in
    /// order.
    public mutating func feed(_ chunk: [UInt8]) throws(JSONParseError) -> [Boundary] {
        let result = chunk.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) -> [Boundary] in try feed(buffer) }
        }
        return try result.get()
    }
}
