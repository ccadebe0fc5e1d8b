/// Wire format of an invertible Bloom filter, version 1 (all integers little-endian):
///
/// | bytes | field |
/// |---|---|
/// | 1 | format version (1) |
/// | 1 | structure tag (1 = IBF) |
/// | 1 | `k`, 3...8 |
/// | 4 | cell count, `k`...2^26 |
/// | 8 | seed |
/// | 28 x cells | each cell: count (Int32), keySum (16 bytes, low word first), hashSum (UInt64) |
///
/// 15 bytes of header plus 28 bytes a cell: 1,360 cells (d = 1,000) take 38,095 bytes.
extension InvertibleBloomFilter {
    /// Bytes of the header before the cells.
    public static let wireHeaderBytes = 15
    /// The default limit on accepted input: 16 MiB, about 600,000 cells.
    public static let defaultMaximumWireBytes = 16 << 20

    /// The number of bytes `serialized()` produces for `cellCount` cells.
    public static func wireSize(cellCount: Int) -> Int {
        wireHeaderBytes + WireFormat.cellBytes * cellCount
    }

    /// The filter in the wire format above, to send to the peer.
    public func serialized() -> [UInt8] {
        var writer = WireWriter(capacity: Self.wireSize(cellCount: cellCount))
        WireFormat.writeHeader(&writer, tag: .invertibleBloomFilter)
        writer.writeUInt8(UInt8(hashCount))
        writer.writeUInt32(UInt32(cellCount))
        writer.writeUInt64(seed)
        for cell in cells { writer.writeCell(cell) }
        return writer.bytes
    }

    /// Parses a filter sent by a peer, validating every field: a wrong version or tag, a
    /// `k` or cell count out of range, a short or long body, or more than `maximumBytes`
    /// bytes is a `WireFormatError`.
    public init(wireBytes: [UInt8], maximumBytes: Int = defaultMaximumWireBytes) throws(WireFormatError) {
        var reader = WireReader(wireBytes)
        try WireFormat.readHeader(&reader, expecting: .invertibleBloomFilter, limit: maximumBytes)
        let hashCount = Int(try reader.readUInt8("hash count"))
        let cellCount = Int(try reader.readUInt32("cell count"))
        let seed = try reader.readUInt64("seed")
        let mapping: CellMapping
        do {
            mapping = try CellMapping(cellCount: cellCount, hashCount: hashCount, seed: seed)
        } catch {
            switch error {
            case .invalidHashCount: throw .invalidField(field: "hash count", value: UInt64(hashCount))
            default: throw .invalidField(field: "cell count", value: UInt64(cellCount))
            }
        }
        try reader.require(WireFormat.cellBytes * cellCount, for: "cells")
        var cells: [Cell] = []
        cells.reserveCapacity(cellCount)
        for _ in 0..<cellCount { cells.append(try reader.readCell()) }
        try reader.finish()
        self.init(mapping: mapping, cells: cells)
    }
}
