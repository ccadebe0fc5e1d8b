/// Why a replica file was not used. The client then starts from an empty replica and
/// fetches everything: a damaged or foreign file never becomes a wrong replica.
enum ReplicaStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file could not be read or written (the system's message).
    case io(String)
    /// The file is shorter than its header and checksum, or than its length field says.
    case truncated(byteCount: Int)
    /// The file does not start with the replica file's magic bytes.
    case notAReplicaFile
    /// The file was written by another version of the format.
    case unsupportedVersion(UInt8)
    /// The SHA-256 at the end does not match the contents.
    case checksumMismatch
    /// The contents do not parse (the details say where).
    case malformed(String)
    /// The file is of another database.
    case otherDatabase(String)
    /// The file was built for other monitor requests than the configuration's.
    case otherRequests

    var description: String {
        switch self {
        case .io(let details): return "cannot access the replica file: \(details)"
        case .truncated(let count): return "the replica file is truncated (\(count) bytes)"
        case .notAReplicaFile: return "not a replica file"
        case .unsupportedVersion(let version): return "replica file format version \(version) is not supported"
        case .checksumMismatch: return "the replica file's checksum does not match its contents"
        case .malformed(let details): return "the replica file is malformed: \(details)"
        case .otherDatabase(let name): return "the replica file is of database \(name)"
        case .otherRequests: return "the replica file was built for other monitor requests"
        }
    }
}
