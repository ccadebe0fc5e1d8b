#if canImport(Glibc)
import Glibc
#endif
import OVSDB

extension OVSDBError.Tag {
    /// An insert's explicit `"uuid"` names a row that exists, or that the transaction
    /// deleted (OVS's "duplicate uuid").
    public static let duplicateUUID = OVSDBError.Tag(rawValue: "duplicate uuid")
    /// An `assert` names a lock the session does not own (RFC 7047 section 5.2.10).
    public static let notOwner = OVSDBError.Tag(rawValue: "not owner")
    /// A write to a read-only server or to a reserved (`_`) database.
    public static let notAllowed = OVSDBError.Tag(rawValue: "not allowed")
    /// The storage could not write or sync the transaction's log record.
    public static let ioError = OVSDBError.Tag(rawValue: "I/O error")
}

extension OVSDBError {
    /// OVS's I/O error object: `details` says what failed and `"io-error"` gives the
    /// system's error text (OVS's `ovsdb_io_error()`).
    public static func io(_ details: String, errno code: Int32) -> JSON {
        var object = JSONObject()
        object["error"] = .string(Tag.ioError.rawValue)
        object["details"] = .string(details)
        object["io-error"] = .string(String(cString: strerror(code)))
        return .object(object)
    }
}
