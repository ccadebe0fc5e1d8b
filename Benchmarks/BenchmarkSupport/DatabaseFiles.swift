import Foundation
import NIOCore
import OVSDB

/// Makes the database files the servers under test open: a standalone file holding a
/// generated database (``SouthboundDatabase/loadTransactions(maxOperations:)``), and a
/// one-member cluster with the same contents. Every server of a run gets its own copy
/// of the same file (``copy(_:to:)``).
public enum DatabaseFiles {
    /// What loading a database cost.
    public struct LoadReport: Sendable {
        /// Transactions sent.
        public var transactions: Int
        /// Operations in them.
        public var operations: Int
        /// Time from creating the file to the compacted file.
        public var elapsed: Duration
        /// Size of the finished file.
        public var fileBytes: Int
    }

    /// Creates `path` from `schema` with `ovsdb-tool create`, commits `transactions` (each
    /// a list of operations on `database`) through a temporary `ovsdb-server` serving
    /// the file on a unix socket, stops it, and compacts the file with `ovsdb-tool
    /// compact`, so it holds the schema and one snapshot record. Any error result of a
    /// transaction is an error. The fast way to load a large database: one `ovsdb-tool
    /// transact` per batch would replay the whole file every time, and its
    /// transaction must fit in one command-line argument.
    public static func createStandalone(at path: String, schema: String, database: String, transactions: [[JSON]],
                                        installation: OVSInstallation, group: EventLoopGroup) async throws(LoadError) -> LoadReport {
        let started = ContinuousClock.now
        try await tool(installation, ["create", path, schema])
        let directory: ScratchDirectory
        do {
            directory = try ScratchDirectory(prefix: "digestsync-load")
        } catch {
            throw .file(error.description)
        }
        let server: ServerProcess
        do {
            server = try ServerProcess(spec: .ovsdbServer(executable: installation.server), databases: [path],
                                       directory: directory.path)
            try await server.start()
        } catch {
            throw .server(error)
        }
        do {
            let client = try await RawJSONRPCClient.connect(to: server.clientRemote, group: group)
            for operations in transactions {
                try await client.transact(database: database, operations: operations, timeout: .seconds(600))
            }
            await client.close()
        } catch {
            await server.stop()
            throw .client(error)
        }
        await server.stop()
        try await tool(installation, ["compact", path])
        return LoadReport(transactions: transactions.count, operations: transactions.reduce(0) { $0 + $1.count },
                          elapsed: .now - started, fileBytes: try fileSize(path))
    }

    /// The longest argument Linux passes to a program (`MAX_ARG_STRLEN`, 32 pages).
    public static let maxArgumentBytes = 131_072

    /// Creates `path` with `ovsdb-tool create` and commits each transaction with one
    /// `ovsdb-tool transact` (no server involved): OVS's own tool as an independent
    /// loader, for small databases. Each transaction must serialize to less than
    /// ``maxArgumentBytes``, and each run replays the whole file, so this is slow for
    /// large databases.
    public static func createStandaloneWithTool(at path: String, schema: String, database: String, transactions: [[JSON]],
                                                installation: OVSInstallation) async throws(LoadError) -> LoadReport {
        let started = ContinuousClock.now
        try await tool(installation, ["create", path, schema])
        for operations in transactions {
            let request = JSON.array([.string(database)] + operations).description
            guard request.utf8.count < maxArgumentBytes else { throw .transactionTooLarge(bytes: request.utf8.count) }
            let output = try await tool(installation, ["transact", path, request])
            guard let results = try? JSON(parsing: output).arrayValue, results.allSatisfy({ $0["error"] == nil }) else {
                throw .client(.transactionFailed(.string(output)))
            }
        }
        return LoadReport(transactions: transactions.count, operations: transactions.reduce(0) { $0 + $1.count },
                          elapsed: .now - started, fileBytes: try fileSize(path))
    }

    /// Creates the clustered database `path`, a one-member cluster whose contents are
    /// those of the standalone file `standalone` (`ovsdb-tool create-cluster`), its
    /// Raft server listening on `raftAddress` (e.g. `unix:DIR/raft.sock`).
    public static func createCluster(at path: String, from standalone: String, raftAddress: String,
                                     installation: OVSInstallation) async throws(LoadError) {
        try await tool(installation, ["create-cluster", path, standalone, raftAddress])
    }

    /// Copies `source` to `destination` (replacing it).
    public static func copy(_ source: String, to destination: String) throws(LoadError) {
        do {
            if FileManager.default.fileExists(atPath: destination) {
                try FileManager.default.removeItem(atPath: destination)
            }
            try FileManager.default.copyItem(atPath: source, toPath: destination)
        } catch {
            throw .file("cannot copy \(source) to \(destination): \(error)")
        }
    }

    /// The size of the file at `path` in bytes.
    public static func fileSize(_ path: String) throws(LoadError) -> Int {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int else {
            throw .file("cannot read the size of \(path)")
        }
        return size
    }

    @discardableResult
    private static func tool(_ installation: OVSInstallation, _ arguments: [String]) async throws(LoadError) -> String {
        do {
            return try await ToolRunner.check(installation.tool, arguments, timeout: .seconds(600))
        } catch {
            throw .tool(error)
        }
    }
}

/// Why a database file could not be made.
public enum LoadError: Error, Sendable, CustomStringConvertible {
    /// `ovsdb-tool` failed.
    case tool(ProcessError)
    /// The loading server failed.
    case server(ServerError)
    /// A transaction failed or the connection broke.
    case client(RawClientError)
    /// A transaction is too large for `ovsdb-tool transact`'s argument.
    case transactionTooLarge(bytes: Int)
    /// A file operation failed.
    case file(String)

    /// What went wrong.
    public var description: String {
        switch self {
        case .tool(let error): return error.description
        case .server(let error): return error.description
        case .client(let error): return error.description
        case .transactionTooLarge(let bytes):
            return "a \(bytes)-byte transaction does not fit in one argument of ovsdb-tool transact (use smaller batches)"
        case .file(let reason): return reason
        }
    }
}
