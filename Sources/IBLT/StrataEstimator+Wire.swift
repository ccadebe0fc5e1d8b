/// Wire format of a strata estimator, version 1 (all integers little-endian):
///
/// | bytes | field |
/// |---|---|
/// | 1 | format version (1) |
/// | 1 | structure tag (2 = strata estimator) |
/// | 1 | strata count, 1...64 |
/// | 2 | cells per stratum, `k`...4096 |
/// | 1 | `k`, 3...8 |
/// | 8 | seed |
/// | 1 | strata sent: the strata above are all empty and omitted |
/// | 7 x cells | each cell: count (UInt8, modulo 256), fingerprintSum (UInt32), checkSum (UInt16) |
///
/// 15 bytes of header plus 560 bytes per stratum sent (80 cells of 7 bytes), at most
/// 17,935 bytes for 32 strata. A set of n keys fills about log2(n) strata: a million keys
/// fill 19 to 24 depending on the seed, 10,655 to 13,455 bytes (`digestsync-bench
/// estimator`), against 71,695 bytes for the same strata of full 28-byte cells.
extension StrataEstimator {
    /// Bytes of the header before the cells.
    public static let wireHeaderBytes = 15
    /// Bytes of one serialized `EstimatorCell`.
    public static let wireCellBytes = 7
    /// The default limit on accepted input: the largest estimator the format can express.
    public static let defaultMaximumWireBytes = wireHeaderBytes + 64 * maximumCellsPerStratum * wireCellBytes

    /// Strata up to and including the last one holding anything; the rest are omitted.
    var sentStrataCount: Int {
        var count = strataCount
        while count > 0, cells[((count - 1) * cellsPerStratum)..<(count * cellsPerStratum)].allSatisfy(\.isEmpty) {
            count -= 1
        }
        return count
    }

    /// The number of bytes `serialized()` produces.
    public var wireSize: Int {
        Self.wireHeaderBytes + sentStrataCount * cellsPerStratum * Self.wireCellBytes
    }

    /// The estimator in the wire format above, to send to the peer.
    public func serialized() -> [UInt8] {
        let sent = sentStrataCount
        var writer = WireWriter(capacity: Self.wireHeaderBytes + sent * cellsPerStratum * Self.wireCellBytes)
        WireFormat.writeHeader(&writer, tag: .strataEstimator)
        writer.writeUInt8(UInt8(strataCount))
        writer.writeUInt16(UInt16(cellsPerStratum))
        writer.writeUInt8(UInt8(stratumMapping.hashCount))
        writer.writeUInt64(seed)
        writer.writeUInt8(UInt8(sent))
        for cell in cells[0..<(sent * cellsPerStratum)] {
            writer.writeUInt8(cell.count)
            writer.writeUInt32(cell.fingerprintSum)
            writer.writeUInt16(cell.checkSum)
        }
        return writer.bytes
    }

    /// Parses an estimator sent by a peer, validating every field: a wrong version or
    /// tag, a geometry out of range, more strata sent than declared, a short or long body,
    /// or more than `maximumBytes` bytes is a `WireFormatError`.
    public init(wireBytes: [UInt8], maximumBytes: Int = defaultMaximumWireBytes) throws(WireFormatError) {
        var reader = WireReader(wireBytes)
        try WireFormat.readHeader(&reader, expecting: .strataEstimator, limit: maximumBytes)
        let strataCount = Int(try reader.readUInt8("strata count"))
        let cellsPerStratum = Int(try reader.readUInt16("cells per stratum"))
        let hashCount = Int(try reader.readUInt8("hash count"))
        let seed = try reader.readUInt64("seed")
        let sent = Int(try reader.readUInt8("strata sent"))
        guard Self.strataCountRange.contains(strataCount) else {
            throw .invalidField(field: "strata count", value: UInt64(strataCount))
        }
        guard CellMapping.hashCountRange.contains(hashCount) else {
            throw .invalidField(field: "hash count", value: UInt64(hashCount))
        }
        guard let mapping = try? CellMapping(cellCount: cellsPerStratum, hashCount: hashCount, seed: seed),
              cellsPerStratum <= Self.maximumCellsPerStratum else {
            throw .invalidField(field: "cells per stratum", value: UInt64(cellsPerStratum))
        }
        guard sent <= strataCount else { throw .invalidField(field: "strata sent", value: UInt64(sent)) }
        try reader.require(sent * cellsPerStratum * Self.wireCellBytes, for: "cells")
        var cells: [EstimatorCell] = []
        cells.reserveCapacity(strataCount * cellsPerStratum)
        for _ in 0..<(sent * cellsPerStratum) {
            let count = try reader.readUInt8("cell count")
            let fingerprintSum = try reader.readUInt32("cell fingerprintSum")
            cells.append(EstimatorCell(fingerprintSum: fingerprintSum, checkSum: try reader.readUInt16("cell checkSum"),
                                       count: count))
        }
        try reader.finish()
        cells.append(contentsOf: repeatElement(.empty, count: (strataCount - sent) * cellsPerStratum))
        self.init(strataCount: strataCount, stratumMapping: mapping, cells: cells)
    }
}
