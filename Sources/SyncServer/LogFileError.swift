#if canImport(Glibc)
import Glibc
#endif

/// What can go wrong reading or writing a log file, with the file and the byte offset a
/// user needs to find the problem. Descriptions follow `ovsdb-tool`'s messages.
public enum LogFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A system call failed (`operation` is e.g. "open", "write"; `errno` the cause).
    case io(path: String, operation: String, errno: Int32)
    /// The lock file is held by another process.
    case locked(path: String)
    /// The file ends inside a record: `expected` bytes from `offset` were not there.
    case torn(path: String, offset: Int, expected: Int)
    /// The header line at `offset` is not `OVSDB JSON <length> <sha1>`.
    case badHeader(path: String, offset: Int, text: String)
    /// The `OVSDB CLUSTER` magic: a clustered database, which this storage cannot read.
    case clustered(path: String)
    /// The body at `offset` does not have the SHA-1 its header gives.
    case checksum(path: String, offset: Int, length: Int, actual: String, expected: String)
    /// The body at `offset` is not JSON.
    case notJSON(path: String, offset: Int, length: Int, message: String)
    /// The body at `offset` is JSON but not an object.
    case notObject(path: String, offset: Int, length: Int)
    /// Record `record` is damaged (`cause`) but valid records follow it, so it is not a
    /// torn write at the end: the file is refused rather than cut, which would lose the
    /// committed transactions after it.
    indirect case damagedBeforeEnd(record: Int, cause: LogFileError)

    /// The byte offset of a damaged record, if the error is about one.
    public var offset: Int? {
        switch self {
        case .torn(_, let offset, _), .badHeader(_, let offset, _), .checksum(_, let offset, _, _, _),
             .notJSON(_, let offset, _, _), .notObject(_, let offset, _):
            return offset
        case .damagedBeforeEnd(_, let cause):
            return cause.offset
        case .io, .locked, .clustered:
            return nil
        }
    }

    /// The message, in `ovsdb-tool`'s words where it has them.
    public var description: String {
        switch self {
        case .io(let path, let operation, let code):
            return "I/O error: \(path): \(operation) failed (\(String(cString: strerror(code))))"
        case .locked(let path):
            return "I/O error: \(path): failed to lock lockfile (Resource temporarily unavailable)"
        case .torn(let path, let offset, let expected):
            return "I/O error: \(path): error reading \(expected) bytes starting at offset \(offset) (End of file)"
        case .badHeader(let path, let offset, let text):
            return "syntax error: \(path): parse error at offset \(offset) in header line \"\(text)\""
        case .clustered(let path):
            return "ovsdb error: \(path): cannot apply this operation to clustered database file"
        case .checksum(let path, let offset, let length, let actual, let expected):
            return "syntax error: \(path): \(length) bytes starting at offset \(offset) have SHA-1 hash \(actual) but should have hash \(expected)"
        case .notJSON(let path, let offset, let length, let message):
            return "syntax error: \(path): \(length) bytes starting at offset \(offset) are not valid JSON (\(message))"
        case .notObject(let path, let offset, let length):
            return "syntax error: \(path): \(length) bytes starting at offset \(offset) are not a JSON object"
        case .damagedBeforeEnd(let record, let cause):
            return "\(cause) (record \(record) is damaged but valid records follow it; refusing to open rather than drop them)"
        }
    }
}
