import Digest
import HashTreeCollections
import OVSDB

#if canImport(Glibc)
import Glibc
#endif

/// The replica file: a client that restarts resumes from the replica it had, and
/// resynchronises by digest (or `monitor_cond_since` from its transaction id) instead of
/// fetching everything.
///
/// Layout (integers big-endian):
///
/// | bytes | field |
/// |---|---|
/// | 4 | magic `DSRP` (DigestSync replica) |
/// | 1 | format version, 1 |
/// | 8 | length n of the body |
/// | n | the body: compact JSON `{"database", "schema", "requests", "last_txn_id", "tables"}`; `tables` maps each table to `{uuid: row}`, rows with their monitored columns, defaults omitted (update2 `initial` form) |
/// | 32 | SHA-256 of everything before it |
///
/// Written to a temporary file beside the target, fsynced, renamed over the target and
/// the directory fsynced, so a crash leaves the old file or the new one. Read back only
/// if every check passes (length, magic, version, checksum, JSON, database, monitor
/// requests, every row against the schema); the server's schema is compared when the
/// client connects. Anything else is an error, and the client fetches in full.
enum ReplicaStore {
    static let magic: [UInt8] = Array("DSRP".utf8)
    static let version: UInt8 = 1
    static let headerSize = 13
    static let checksumSize = SHA256Digest.byteCount

    // MARK: Encoding

    /// The file's bytes for `replica` of `database`.
    static func encode(_ replica: PersistedReplica, database: String) -> [UInt8] {
        var body: [UInt8] = []
        body += Array("{\"database\":".utf8)
        JSONSerializer.appendString(database, to: &body)
        body += Array(",\"schema\":".utf8)
        replica.schema.json.serialize(into: &body)
        body += Array(",\"requests\":".utf8)
        requestsJSON(replica.requests).serialize(into: &body, sortingKeys: true)
        body += Array(",\"last_txn_id\":".utf8)
        JSONSerializer.appendString(replica.lastTransactionID.description, to: &body)
        body += Array(",\"tables\":{".utf8)
        for (tableNumber, name) in replica.tables.keys.sorted().enumerated() {
            guard let table = replica.tables[name] else { continue }
            if tableNumber > 0 { body.append(UInt8(ascii: ",")) }
            JSONSerializer.appendString(name, to: &body)
            body += Array(":{".utf8)
            for (rowNumber, uuid) in table.rows.keys.sorted().enumerated() {
                guard let row = table.rows[uuid] else { continue }
                if rowNumber > 0 { body.append(UInt8(ascii: ",")) }
                body.append(UInt8(ascii: "\""))
                uuid.appendText(to: &body)
                body += Array("\":".utf8)
                row.appendJSON(table: table.schema, columns: table.columns, omittingDefaults: true, to: &body)
            }
            body.append(UInt8(ascii: "}"))
        }
        body += Array("}}".utf8)

        var file = magic + [version]
        for shift in stride(from: 56, through: 0, by: -8) { file.append(UInt8(truncatingIfNeeded: UInt64(body.count) >> UInt64(shift))) }
        file += body
        file += SHA256Digest(of: file).bytes
        return file
    }

    /// The monitor requests as stored: per table, `columns` (null for all) and `where`.
    static func requestsJSON(_ requests: [String: MonitorRequest]) -> JSON {
        var object = JSONObject()
        for (name, request) in requests.sorted(by: { $0.key < $1.key }) {
            object[name] = ["columns": request.columns.map { .array($0.map { .string($0) }) } ?? .null,
                            "where": .array(request.condition)]
        }
        return .object(object)
    }

    // MARK: Decoding

    /// The replica in `bytes`, checked against `configuration` (database and monitor
    /// requests); its rows are parsed against the schema it carries.
    static func decode(_ bytes: [UInt8], configuration: ClientConfiguration) throws(ReplicaStoreError) -> Replica {
        guard bytes.count >= headerSize + checksumSize else { throw .truncated(byteCount: bytes.count) }
        guard Array(bytes[0..<4]) == magic else { throw .notAReplicaFile }
        guard bytes[4] == version else { throw .unsupportedVersion(bytes[4]) }
        let length = bytes[5..<13].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length == UInt64(bytes.count - headerSize - checksumSize) else { throw .truncated(byteCount: bytes.count) }
        let end = bytes.count - checksumSize
        let checksum = bytes.withUnsafeBytes { SHA256Digest(of: UnsafeRawBufferPointer(rebasing: $0[0..<end])) }
        guard checksum.bytes == Array(bytes[end...]) else { throw .checksumMismatch }

        let body: JSON
        do {
            body = try JSON(parsing: Array(bytes[headerSize..<end]), limits: configuration.messageLimits)
        } catch {
            throw .malformed("\(error)")
        }
        guard let database = body["database"]?.stringValue else { throw .malformed("no database name") }
        guard database == configuration.database else { throw .otherDatabase(database) }
        guard body["requests"] == requestsJSON(configuration.tables) else { throw .otherRequests }
        guard let idText = body["last_txn_id"]?.stringValue, let lastTransactionID = OVSDBUUID(idText) else {
            throw .malformed("no last transaction id")
        }
        let schema: DatabaseSchema
        do {
            schema = try DatabaseSchema(json: body["schema"] ?? .null)
        } catch {
            throw .malformed("schema: \(error)")
        }
        return try replica(body["tables"] ?? .null, schema: schema, configuration: configuration,
                           lastTransactionID: lastTransactionID)
    }

    private static func replica(_ tables: JSON, schema: DatabaseSchema, configuration: ClientConfiguration,
                                lastTransactionID: OVSDBUUID) throws(ReplicaStoreError) -> Replica {
        var replica: Replica
        do {
            let monitors = try ConnectionStateMachine.resolve(configuration.tables, in: schema)
            var conditions: [String: Condition] = [:]
            for (name, request) in configuration.tables {
                guard let table = monitors[name]?.table else { continue }
                conditions[name] = try Condition(json: request.condition, table: table)
            }
            replica = Replica(schema: schema, monitors: monitors, conditions: conditions)
            _ = try replica.replace(with: tables.objectValue.map { Self.asInitialRows($0) } ?? .null, format: .diffs)
        } catch {
            throw .malformed("\(error)")
        }
        replica.lastTransactionID = lastTransactionID
        return replica
    }

    /// `{table: {uuid: row}}` as table-updates2 with `initial` rows.
    private static func asInitialRows(_ tables: JSONObject) -> JSON {
        var updates = JSONObject()
        for (name, rows) in tables {
            var rowUpdates = JSONObject()
            for (uuid, row) in rows.objectValue ?? [:] { rowUpdates[uuid] = ["initial": row] }
            updates[name] = rows.objectValue == nil ? rows : .object(rowUpdates)
        }
        return .object(updates)
    }

    // MARK: Files

    /// Writes `replica` to `path` atomically: temporary file, fsync, rename, fsync of the
    /// directory.
    static func write(_ replica: PersistedReplica, database: String, to path: String) throws(ReplicaStoreError) {
        let bytes = encode(replica, database: database)
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .io("open \(temporary): \(String(cString: strerror(errno)))") }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            guard result > 0 else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw .io("write \(temporary): \(reason)")
            }
            written += result
        }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard synced else { throw .io("fsync \(temporary): \(String(cString: strerror(errno)))") }
        guard rename(temporary, path) == 0 else { throw .io("rename \(temporary): \(String(cString: strerror(errno)))") }
        let directory = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
        let directoryDescriptor = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// The replica saved at `path` for `configuration`.
    static func load(from path: String, configuration: ClientConfiguration) throws(ReplicaStoreError) -> Replica {
        try decode(try readFile(path, limit: configuration.messageLimits.maxBytes + headerSize + checksumSize),
                   configuration: configuration)
    }

    private static func readFile(_ path: String, limit: Int) throws(ReplicaStoreError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io("open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count >= 0 else { throw .io("read \(path): \(String(cString: strerror(errno)))") }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
            guard bytes.count <= limit else { throw .malformed("larger than \(limit) bytes") }
        }
    }
}
