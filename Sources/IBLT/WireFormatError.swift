/// Why bytes received from a peer are not a valid serialized IBLT structure. Thrown by
/// `InvertibleBloomFilter(wireBytes:)`, `StrataEstimator(wireBytes:)` and
/// `CodedSymbolBatch(wireBytes:)`; the caller answers the peer with an error or falls
/// back to a full transfer. Never a trap, whatever the bytes.
public enum WireFormatError: Error, Equatable, Sendable {
    /// The input is larger than the limit the caller accepts.
    case oversized(byteCount: Int, limit: Int)
    /// The input ended inside `field`: `needed` bytes were required at `offset`.
    case truncated(field: String, offset: Int, needed: Int)
    /// The format version byte is not one this build reads.
    case unsupportedVersion(UInt8, supported: UInt8)
    /// The structure tag names a different structure than the one being decoded.
    case wrongStructure(found: UInt8, expected: UInt8)
    /// A header field holds a value outside its allowed range.
    case invalidField(field: String, value: UInt64)
    /// Bytes remain after the structure's last field.
    case trailingBytes(count: Int)
}
