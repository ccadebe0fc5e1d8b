import Logging
import OVSDB

/// The offline commands of the `digestsync` CLI, which behave like their `ovsdb-tool`
/// twins: same replies (one line of JSON, keys sorted), same messages, same exit
/// statuses (0 whenever a reply is printed, 1 with a message on standard error
/// otherwise). The CLI prints the ``Output``; tests call these directly.
public enum OfflineTool {
    /// What a command prints and its exit status.
    public struct Output: Sendable {
        /// Standard output.
        public var stdout = ""
        /// Standard error.
        public var stderr = ""
        /// The exit status.
        public var status: Int32 = 0

        static func failure(_ message: String) -> Output {
            Output(stdout: "", stderr: "digestsync: \(message)\n", status: 1)
        }
    }

    /// `create DB SCHEMA`: a new database file holding the schema read from the file
    /// `schemaPath`; fails if `database` exists or the schema is invalid.
    public static func create(database: String, schemaPath: String) -> Output {
        do throws(Failure) {
            let schema = try readSchema(schemaPath)
            do {
                try StandaloneStorage.create(path: database, schema: schema).close()
            } catch {
                throw Failure(message: error.description)
            }
            return Output()
        } catch {
            return .failure(error.message)
        }
    }

    /// A command's fatal error message.
    struct Failure: Error {
        var message: String
    }

    /// The schema in the file `path`, with `ovsdb-tool`'s messages for bad ones.
    static func readSchema(_ path: String) throws(Failure) -> DatabaseSchema {
        let json: JSON
        do {
            json = try JSON(parsing: try LogFile.readWholeFile(path))
        } catch let error as LogFileError {
            throw Failure(message: error.description)
        } catch {
            throw Failure(message: "syntax error: \(path): \(error)")
        }
        do {
            return try DatabaseSchema(json: json)
        } catch {
            throw Failure(message: error.wrapped("failed to parse \"\(path)\" as ovsdb schema").description)
        }
    }

    /// `transact DB TXN` (read-write) or `query DB TXN` (read-only: a transaction that
    /// writes fails at commit with an I/O error, as in `ovsdb-tool query`). Runs the
    /// `transact` params `request` without a session (no locks, no triggers: a blocking
    /// `wait` answers "not supported") and prints the reply.
    public static func transact(database: String, request: String, readOnly: Bool = false,
                                logger: Logger = Logger(label: "digestsync")) -> Output {
        let storage: StandaloneStorage
        do {
            storage = try StandaloneStorage.open(path: database, mode: readOnly ? .readOnly : .readWrite, logger: logger)
        } catch {
            return .failure(error.description)
        }
        defer { storage.close() }
        let params: JSON
        do {
            params = try JSON(parsing: request)
        } catch {
            return .failure("\"\(request)\": \(error)")
        }
        let outcome = TransactionExecutor.execute(params, on: storage.database)
        var reply = outcome.reply
        if case .committed(_, let committed) = outcome {
            reply = store(committed, reply: reply, in: storage)
        }
        return Output(stdout: reply.serializedString(sortingKeys: true) + "\n")
    }

    private static func store(_ committed: CommittedTransaction, reply: JSON, in storage: StandaloneStorage) -> JSON {
        do {
            try storage.commit(committed)
            return reply
        } catch {
            return .array((reply.arrayValue ?? []) + [error.replyError])
        }
    }
}
