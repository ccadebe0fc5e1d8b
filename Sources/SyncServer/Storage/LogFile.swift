#if canImport(Glibc)
import Glibc
#endif
import OVSDB

/// An OVSDB standalone log file (OVS's `ovsdb/log.c`): records read with their SHA-1
/// checked and their exact positions, appended with one write each, synced on demand.
///
/// Opening for writing takes OVS's lock file. Reading never changes the file: damage
/// after the last good record is reported in ``LogContents/damage`` for the caller to
/// cut away (``truncate(at:)``), and damage with valid records after it is an error.
public final class LogFile {
    /// How a file is opened.
    public enum Mode: Sendable {
        /// Reading only (`ovsdb-tool query`, `show-log`); no lock.
        case readOnly
        /// Reading and appending, under the lock file.
        case readWrite
    }

    /// The file's path.
    public let path: String
    private var descriptor: Int32
    private var lock: FileLock?
    /// Where the next record goes: just past the last good record read or written.
    public private(set) var end = 0
    /// The number of the next record.
    public private(set) var nextRecordNumber = 0

    private init(path: String, descriptor: Int32, lock: FileLock?) {
        self.path = path
        self.descriptor = descriptor
        self.lock = lock
    }

    /// Creates `path` (which must not exist) holding one record, `first` (the schema),
    /// synced to disk together with its directory entry (OVS's `ovsdb-tool create`).
    public static func create(path: String, first: JSON) throws(LogFileError) -> LogFile {
        let lock = try FileLock(for: path)
        let descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw .io(path: path, operation: "create", errno: errno) }
        let file = LogFile(path: path, descriptor: descriptor, lock: lock)
        _ = try file.append(first)
        try file.sync()
        try syncDirectory(of: path)
        return file
    }

    /// Opens the existing file `path`.
    public static func open(path: String, mode: Mode) throws(LogFileError) -> LogFile {
        let lock = mode == .readWrite ? try FileLock(for: path) : nil
        let descriptor = Glibc.open(path, (mode == .readWrite ? O_RDWR : O_RDONLY) | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path: path, operation: "open", errno: errno) }
        return LogFile(path: path, descriptor: descriptor, lock: lock)
    }

    /// Reads every record from the start of the file (see ``LogReader``) and sets
    /// ``end`` past the last good one.
    public func readAll() throws(LogFileError) -> LogContents {
        let contents = try LogReader(path: path, bytes: try Self.readBytes(of: descriptor, path: path)).read()
        end = contents.records.last?.position.end ?? 0
        nextRecordNumber = contents.records.count
        return contents
    }

    /// The whole content of the file `path` (a schema file, for instance).
    static func readWholeFile(_ path: String) throws(LogFileError) -> [UInt8] {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path: path, operation: "open", errno: errno) }
        defer { Glibc.close(descriptor) }
        return try readBytes(of: descriptor, path: path)
    }

    private static func readBytes(of descriptor: Int32, path: String) throws(LogFileError) -> [UInt8] {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .io(path: path, operation: "stat", errno: errno) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress.map { $0 + done }, buffer.count - done, off_t(done))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                if count == 0 { break }
                throw .io(path: path, operation: "read", errno: errno)
            }
            done += count
        }
        return Array(bytes.prefix(done))
    }

    /// Appends a record holding `json` at ``end`` with a single write, and returns its
    /// position. A failed write is cut off again, so the file never keeps half a record.
    @discardableResult
    public func append(_ json: JSON) throws(LogFileError) -> LogRecord.Position {
        try append(body: json.serialized())
    }

    /// Appends a record whose body is the serialized JSON object `body` (written
    /// without building a ``JSON`` value), as ``append(_:)`` does.
    @discardableResult
    func append(body: [UInt8]) throws(LogFileError) -> LogRecord.Position {
        let (bytes, sha1) = LogRecord.encode(body: body)
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                pwrite(descriptor, buffer.baseAddress.map { $0 + done }, buffer.count - done, off_t(end + done))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let code = count < 0 ? errno : ENOSPC
                _ = ftruncate(descriptor, off_t(end))
                throw .io(path: path, operation: "write", errno: code)
            }
            done += count
        }
        let position = LogRecord.Position(number: nextRecordNumber, offset: end, length: bytes.count, sha1: sha1)
        end += bytes.count
        nextRecordNumber += 1
        return position
    }

    /// Flushes written data to disk (`fdatasync`), as OVS does for durable commits.
    public func sync() throws(LogFileError) {
        guard fdatasync(descriptor) == 0 else { throw .io(path: path, operation: "sync", errno: errno) }
    }

    /// Replaces the whole file by one holding `records` (compaction): they are written to
    /// `<path>.tmp`, synced, renamed over `path` and the directory synced, so a crash
    /// leaves either the old file or the new one. The lock is kept throughout. Returns
    /// the new records' positions.
    public func replace(with records: [JSON]) throws(LogFileError) -> [LogRecord.Position] {
        let temporary = path + ".tmp"
        let replacement = Glibc.open(temporary, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard replacement >= 0 else { throw .io(path: temporary, operation: "create", errno: errno) }
        let original = (descriptor, end, nextRecordNumber)
        (descriptor, end, nextRecordNumber) = (replacement, 0, 0)
        do throws(LogFileError) {
            var positions: [LogRecord.Position] = []
            for record in records {
                positions.append(try append(record))
            }
            try sync()
            guard rename(temporary, path) == 0 else { throw LogFileError.io(path: temporary, operation: "rename", errno: errno) }
            try Self.syncDirectory(of: path)
            Glibc.close(original.0)
            return positions
        } catch {
            Glibc.close(replacement)
            unlink(temporary)
            (descriptor, end, nextRecordNumber) = original
            throw error
        }
    }

    /// Cuts the file at `offset` (a damaged tail) and syncs the change.
    public func truncate(at offset: Int) throws(LogFileError) {
        guard ftruncate(descriptor, off_t(offset)) == 0 else { throw .io(path: path, operation: "truncate", errno: errno) }
        try sync()
        end = offset
    }

    /// Syncs the directory holding `path`, making a creation or rename durable.
    static func syncDirectory(of path: String) throws(LogFileError) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let descriptor = Glibc.open(directory.isEmpty ? "/" : directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path: directory, operation: "open", errno: errno) }
        defer { Glibc.close(descriptor) }
        guard fsync(descriptor) == 0 else { throw .io(path: directory, operation: "sync", errno: errno) }
    }

    /// Closes the file and releases the lock.
    public func close() {
        if descriptor >= 0 {
            Glibc.close(descriptor)
            descriptor = -1
        }
        lock?.unlock()
        lock = nil
    }

    deinit {
        close()
    }
}

/// The good records of a log file and the damage, if any, found after the last of them.
public struct LogContents: Sendable {
    /// The records in file order.
    public var records: [LogRecord]
    /// What is wrong with the bytes after the last good record (a torn or corrupt last
    /// record, garbage): nil if the file ends cleanly.
    public var damage: LogFileError?
}
