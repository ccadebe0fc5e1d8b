#if canImport(Glibc)
import Glibc
#endif
import OVSDB

/// Why a database file could not be created, opened or written.
public enum StorageError: Error, Sendable, CustomStringConvertible {
    /// Reading or writing the log failed.
    case log(LogFileError)
    /// The file holds no schema record (an empty or damaged first record).
    case noSchema(path: String)
    /// The schema record is not a valid schema.
    case badSchema(path: String, OVSDBError)
    /// Record `record` (at `offset`) is intact but cannot be applied to the data before
    /// it: unknown table or column, bad value, or a commit check failure. Opening fails
    /// rather than drop it and every record after it.
    case badRecord(path: String, record: Int, offset: Int, OVSDBError)
    /// A write to storage opened read-only; `end` is where a record would have gone.
    case readOnly(path: String, end: Int)

    /// The message, in `ovsdb-tool`'s words where it has them.
    public var description: String {
        switch self {
        case .log(let error):
            return error.description
        case .noSchema(let path):
            return "syntax error: \(path): database file contains no schema record"
        case .badSchema(let path, let error):
            return "\(error.wrapped("failed to parse \"\(path)\" as ovsdb schema"))"
        case .badRecord(let path, let record, let offset, let error):
            return "\(error) (\(path): record \(record) at offset \(offset); refusing to open rather than drop it and the records after it)"
        case .readOnly(let path, let end):
            return "I/O error: \(path): cannot truncate to length \(end)"
        }
    }

    /// The error object a `transact` reply gets as its last element when the commit
    /// could not be stored (OVS's "I/O error" with its `"io-error"` text; a read-only
    /// file fails as `ovsdb-tool query` fails a write).
    public var replyError: JSON {
        switch self {
        case .log(.io(let path, let operation, let code)):
            return OVSDBError.io("\(path): \(operation) failed", errno: code)
        case .readOnly(let path, let end):
            return OVSDBError.io("\(path): cannot truncate to length \(end)", errno: EINVAL)
        default:
            return OVSDBError.io(description, errno: EIO)
        }
    }
}
