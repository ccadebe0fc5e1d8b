/// The header shared by every serialized structure of this module: a version byte, then a
/// structure tag, then the structure's own fields, all integers little-endian and of
/// fixed width.
enum WireFormat {
    /// The only format version this build writes and reads.
    static let version: UInt8 = 1

    /// The structure tags.
    enum Tag: UInt8 {
        case invertibleBloomFilter = 1
        case strataEstimator = 2
        case codedSymbolBatch = 3
    }

    /// Bytes of one serialized `Cell` or coded symbol: count (4), keySum (16), hashSum (8).
    static let cellBytes = 28

    /// Reads and checks the version and tag, and checks the size limit.
    static func readHeader(_ reader: inout WireReader, expecting tag: Tag, limit: Int) throws(WireFormatError) {
        guard reader.count <= limit else { throw .oversized(byteCount: reader.count, limit: limit) }
        let version = try reader.readUInt8("version")
        guard version == Self.version else { throw .unsupportedVersion(version, supported: Self.version) }
        let found = try reader.readUInt8("structure tag")
        guard found == tag.rawValue else { throw .wrongStructure(found: found, expected: tag.rawValue) }
    }

    /// Writes the version and tag.
    static func writeHeader(_ writer: inout WireWriter, tag: Tag) {
        writer.writeUInt8(version)
        writer.writeUInt8(tag.rawValue)
    }
}
