/// Wire format of a batch of coded symbols, version 1 (all integers little-endian):
///
/// | bytes | field |
/// |---|---|
/// | 1 | format version (1) |
/// | 1 | structure tag (3 = coded symbol batch) |
/// | 8 | seed |
/// | 4 | index of the first symbol, below 2^31 |
/// | 4 | symbol count, first index + count below 2^31 |
/// | 28 x symbols | each: count (Int32), keySum (16 bytes), hashSum (UInt64) |
///
/// 18 bytes of header plus 28 bytes a symbol.
extension CodedSymbolBatch {
    /// Bytes of the header before the symbols.
    public static let wireHeaderBytes = 18
    /// The default limit on accepted input: 16 MiB, about 600,000 symbols.
    public static let defaultMaximumWireBytes = 16 << 20
    /// Symbol indices must stay below this bound.
    public static let indexLimit = Int(Int32.max)

    /// The number of bytes `serialized()` produces for `symbolCount` symbols.
    public static func wireSize(symbolCount: Int) -> Int {
        wireHeaderBytes + WireFormat.cellBytes * symbolCount
    }

    /// The batch in the wire format above, to send to the peer.
    public func serialized() -> [UInt8] {
        var writer = WireWriter(capacity: Self.wireSize(symbolCount: symbols.count))
        WireFormat.writeHeader(&writer, tag: .codedSymbolBatch)
        writer.writeUInt64(seed)
        writer.writeUInt32(UInt32(truncatingIfNeeded: firstIndex))
        writer.writeUInt32(UInt32(truncatingIfNeeded: symbols.count))
        for symbol in symbols { writer.writeCell(symbol) }
        return writer.bytes
    }

    /// Parses a batch sent by a peer, validating every field; a short, long, oversized or
    /// out-of-range input is a `WireFormatError`.
    public init(wireBytes: [UInt8], maximumBytes: Int = defaultMaximumWireBytes) throws(WireFormatError) {
        var reader = WireReader(wireBytes)
        try WireFormat.readHeader(&reader, expecting: .codedSymbolBatch, limit: maximumBytes)
        let seed = try reader.readUInt64("seed")
        let firstIndex = Int(try reader.readUInt32("first index"))
        let count = Int(try reader.readUInt32("symbol count"))
        guard firstIndex + count <= Self.indexLimit else {
            throw .invalidField(field: "symbol count", value: UInt64(count))
        }
        try reader.require(WireFormat.cellBytes * count, for: "symbols")
        var symbols: [CodedSymbol] = []
        symbols.reserveCapacity(count)
        for _ in 0..<count { symbols.append(try reader.readCell()) }
        try reader.finish()
        self.init(seed: seed, firstIndex: firstIndex, symbols: symbols)
    }
}
