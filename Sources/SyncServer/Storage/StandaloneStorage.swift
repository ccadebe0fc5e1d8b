import Logging
import OVSDB

/// A database kept in an OVSDB standalone log file, as `ovsdb-server` keeps one: opening
/// reads the schema and replays every transaction record through the commit pipeline;
/// each commit appends one record before the caller replies; compaction rewrites the
/// file as one snapshot.
///
/// Durability, as in `ovsdb-server`: every committed transaction is written to the file
/// before ``commit(_:)`` returns (so before the reply), and synced to disk only when its
/// `commit` operation asked for `"durable": true`.
///
/// Damage at the end of the file (a torn or corrupt last record, garbage after it) is
/// cut away when the file is opened for writing, with a warning logged; damage before
/// the last record, or a record that cannot be applied, makes opening fail with the
/// record number and byte offset, so no committed data is ever dropped silently.
public final class StandaloneStorage {
    /// The file's path.
    public var path: String { file.path }
    /// The database as of the last record read or written.
    public private(set) var database: Database
    /// The position and SHA-1 of every record in the file, the schema's first, in order.
    public private(set) var positions: [LogRecord.Position]
    /// When to compact next.
    public private(set) var compactionPolicy: CompactionPolicy
    /// The last records read when the file was opened, with what each changed, oldest
    /// first (as many as ``open(path:mode:logger:keepingChanges:)`` was asked to keep).
    public private(set) var replayed: [ReplayedTransaction] = []
    private let file: LogFile
    private let mode: LogFile.Mode

    private init(file: LogFile, mode: LogFile.Mode, database: Database, positions: [LogRecord.Position]) {
        self.file = file
        self.mode = mode
        self.database = database
        self.positions = positions
        compactionPolicy = CompactionPolicy(now: WallClock.milliseconds(), size: file.end)
    }

    /// Creates the file `path` for `schema` (`ovsdb-tool create`): the schema record
    /// alone, synced. Fails if the file exists.
    public static func create(path: String, schema: DatabaseSchema) throws(StorageError) -> StandaloneStorage {
        do {
            let file = try LogFile.create(path: path, first: schema.json)
            let position = LogRecord.Position(number: 0, offset: 0, length: file.end, sha1: LogRecord.encode(schema.json).sha1)
            return StandaloneStorage(file: file, mode: .readWrite, database: Database(schema: schema), positions: [position])
        } catch {
            throw .log(error)
        }
    }

    /// Opens the file `path` and replays it. Read-write opens take the lock file and cut
    /// a damaged tail away (logging a warning on `logger`); read-only opens leave the
    /// file as it is and ignore the damaged tail, also with a warning. The change sets of
    /// the last `keepingChanges` records are kept in ``replayed`` (the server rebuilds its
    /// transaction history from them).
    public static func open(path: String, mode: LogFile.Mode, logger: Logger,
                            keepingChanges: Int = 0) throws(StorageError) -> StandaloneStorage {
        let file: LogFile
        let contents: LogContents
        do {
            file = try LogFile.open(path: path, mode: mode)
            contents = try file.readAll()
        } catch {
            throw .log(error)
        }
        guard let schemaRecord = contents.records.first else {
            if let damage = contents.damage { throw .log(damage) }
            throw .noSchema(path: path)
        }
        let schema: DatabaseSchema
        do {
            schema = try DatabaseSchema(json: .object(schemaRecord.json))
        } catch {
            throw .badSchema(path: path, error)
        }
        if let damage = contents.damage {
            try cutDamagedTail(damage, of: file, mode: mode, logger: logger)
        }
        var database = Database(schema: schema)
        var replayed: [ReplayedTransaction] = []
        for record in contents.records.dropFirst() {
            do {
                var transaction = Transaction(database: database)
                try TransactionRecord.apply(record.json, to: &transaction)
                let committed = try transaction.commit()
                database = committed.database
                if keepingChanges > 0 {
                    if replayed.count == keepingChanges { replayed.removeFirst() }
                    replayed.append(ReplayedTransaction(position: record.position, changes: committed.changes))
                }
            } catch {
                throw .badRecord(path: path, record: record.position.number, offset: record.position.offset, error)
            }
        }
        let storage = StandaloneStorage(file: file, mode: mode, database: database, positions: contents.records.map(\.position))
        storage.replayed = replayed
        for _ in contents.records.dropFirst() { storage.compactionPolicy.recordWritten() }
        return storage
    }

    private static func cutDamagedTail(_ damage: LogFileError, of file: LogFile, mode: LogFile.Mode, logger: Logger) throws(StorageError) {
        let metadata: Logger.Metadata = ["file": "\(file.path)", "offset": "\(file.end)"]
        guard mode == .readWrite else {
            logger.warning("ignoring the damaged end of the log after offset \(file.end): \(damage)", metadata: metadata)
            return
        }
        logger.warning("truncating the log at offset \(file.end), dropping a torn or corrupt last record: \(damage)", metadata: metadata)
        do {
            try file.truncate(at: file.end)
        } catch {
            throw .log(error)
        }
    }

    /// Writes the record of a committed transaction and makes its database current;
    /// syncs it to disk first if the transaction is durable. Returns the record's
    /// position, or nil when nothing persistent changed (no record is written, as in
    /// OVS). On failure nothing changes and the caller replies with
    /// ``StorageError/replyError``.
    @discardableResult
    public func commit(_ committed: CommittedTransaction) throws(StorageError) -> LogRecord.Position? {
        guard let record = TransactionRecord.body(for: committed.changes, date: WallClock.milliseconds()) else {
            database = committed.database
            return nil
        }
        guard mode == .readWrite else { throw .readOnly(path: path, end: file.end) }
        let position: LogRecord.Position
        do {
            position = try file.append(body: record)
            if committed.changes.isDurable {
                try file.sync()
            }
        } catch {
            throw .log(error)
        }
        positions.append(position)
        compactionPolicy.recordWritten()
        database = committed.database
        return position
    }

    /// Rewrites the file as the schema and one snapshot record of the current database
    /// (`ovsdb-tool compact`), through a synced temporary file renamed over this one.
    public func compact(comment: String = "compacted by digestsync") throws(StorageError) {
        guard mode == .readWrite else { throw .readOnly(path: path, end: file.end) }
        let snapshot = TransactionRecord.snapshot(of: database, comment: comment, date: WallClock.milliseconds())
        do {
            positions = try file.replace(with: [database.schema.json, snapshot])
        } catch {
            throw .log(error)
        }
        compactionPolicy.restart(now: WallClock.milliseconds(), size: file.end)
    }

    /// Replaces this storage's content by a snapshot of `source` (a database of the
    /// same schema): how `ovsdb-tool compact DB DST` fills the new file `DST`.
    public func compact(from source: Database) throws(StorageError) {
        database = source
        try compact()
    }

    /// Compacts if ``compactionPolicy`` says it is time (the server calls this after
    /// commits); returns true if it did.
    @discardableResult
    public func compactIfDue(now: Int64 = WallClock.milliseconds()) throws(StorageError) -> Bool {
        guard compactionPolicy.shouldCompact(now: now, size: file.end) else { return false }
        try compact(comment: "compacting database online")
        return true
    }

    /// Forgets ``replayed`` once the caller has taken what it needs.
    public func forgetReplayed() {
        replayed = []
    }

    /// The file's size in bytes (up to the end of its last record).
    public var size: Int { file.end }

    /// Closes the file and releases its lock.
    public func close() {
        file.close()
    }
}
