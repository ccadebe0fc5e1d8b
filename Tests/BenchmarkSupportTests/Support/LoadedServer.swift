import Foundation
import NIOPosix
import OVSDB
import BenchmarkSupport

/// A small generated OVN_Southbound database loaded into a file and served by a real
/// `ovsdb-server` on a unix socket in a scratch directory; stopped when released.
final class LoadedServer: Sendable {
    let directory: ScratchDirectory
    let installation: OVSInstallation
    let database: SouthboundDatabase
    let schema: DatabaseSchema
    let file: String
    let server: ServerProcess

    /// Generates `sizes`, loads it (through ovsdb-server) and starts a server on the file.
    init(sizes: SouthboundSizes, seed: UInt64 = 1, group: MultiThreadedEventLoopGroup) async throws {
        directory = try ScratchDirectory(prefix: "benchmark-tests")
        installation = try OVSInstallation.find()
        database = try SouthboundWorkload(sizes: sizes, seed: seed).generate()
        schema = try Self.loadSchema(installation.southboundSchema)
        file = "\(directory.path)/sb.db"
        _ = try await DatabaseFiles.createStandalone(at: file, schema: installation.southboundSchema,
                                                     database: SouthboundDatabase.name,
                                                     transactions: database.loadTransactions(maxOperations: 500),
                                                     installation: installation, group: group)
        server = try ServerProcess(spec: .ovsdbServer(executable: installation.server), databases: [file],
                                   directory: "\(directory.path)/server")
        try await server.start(timeout: .seconds(60))
    }

    /// Runs `body` with a server loaded with `sizes`, a client connected to it and the
    /// event loop group of both; stops the server and the group afterwards, also when
    /// `body` throws.
    static func with(_ sizes: SouthboundSizes, threads: Int = 1,
                     _ body: (LoadedServer, RawJSONRPCClient, MultiThreadedEventLoopGroup) async throws -> Void) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        do {
            let loaded = try await LoadedServer(sizes: sizes, group: group)
            let client = try await RawJSONRPCClient.connect(to: loaded.server.clientRemote, group: group)
            do {
                try await body(loaded, client, group)
            } catch {
                await client.close()
                await loaded.server.stop()
                throw error
            }
            await client.close()
            await loaded.server.stop()
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        try await group.shutdownGracefully()
    }

    static func loadSchema(_ path: String) throws -> DatabaseSchema {
        try DatabaseSchema(json: JSON(parsing: Array(Data(contentsOf: URL(fileURLWithPath: path)))))
    }

    /// Every row of every generated table as the server holds it, parsed with the
    /// schema, by UUID.
    func serverRows(using client: RawJSONRPCClient) async throws -> [String: [OVSDBUUID: Row]] {
        let operations: [JSON] = SouthboundDatabase.tableNames.map { ["op": "select", "table": .string($0), "where": []] }
        let reply = try await client.transact(database: SouthboundDatabase.name, operations: operations, timeout: .seconds(60))
        var tables: [String: [OVSDBUUID: Row]] = [:]
        for (name, result) in zip(SouthboundDatabase.tableNames, reply.result?.arrayValue ?? []) {
            guard let table = schema.table(named: name) else { continue }
            var rows: [OVSDBUUID: Row] = [:]
            for rowJSON in result["rows"]?.arrayValue ?? [] {
                guard case .object(var members) = rowJSON else { continue }
                members.removeValue(forKey: "_version")
                let uuidJSON = members.removeValue(forKey: "_uuid")
                guard let text = uuidJSON?[1]?.stringValue, let uuid = OVSDBUUID(text) else { continue }
                var row = Row(table: table, uuid: uuid)
                try row.update(json: .object(members), table: table)
                rows[uuid] = row
            }
            tables[name] = rows
        }
        return tables
    }

    /// The rows of `model` parsed with the schema, by table and UUID.
    func modelRows(_ model: SouthboundDatabase) throws -> [String: [OVSDBUUID: Row]] {
        var tables: [String: [OVSDBUUID: Row]] = [:]
        for name in SouthboundDatabase.tableNames {
            guard let table = schema.table(named: name) else { continue }
            var rows: [OVSDBUUID: Row] = [:]
            for generated in model[name].rows {
                var row = Row(table: table, uuid: generated.uuid)
                try row.update(json: .object(generated.columns), table: table)
                rows[generated.uuid] = row
            }
            tables[name] = rows
        }
        return tables
    }
}
