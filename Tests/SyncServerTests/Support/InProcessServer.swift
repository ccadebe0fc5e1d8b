import Foundation
import OVSTestSupport
@testable import OVSDB
@testable import SyncServer

/// An ``OVSDBServer`` started in the test process on a unix socket, serving the test
/// schema from a fresh file in a temporary directory: for tests that need real sockets
/// (backlog bounds, message size bounds) rather than the embedded ``ServerHarness``.
struct InProcessServer {
    /// The running server.
    let server: OVSDBServer
    /// Holds the database file and the socket; removed when released.
    let directory: TemporaryDirectory
    /// The socket clients connect to.
    let socket: String
    /// What the server logged.
    let log: CapturedLog

    /// Starts a server whose configuration `configure` adjusts.
    static func start(_ configure: (inout ServerConfiguration) -> Void) async throws -> InProcessServer {
        let directory = try TemporaryDirectory()
        let path = "\(directory.path)/t.db"
        try StandaloneStorage.create(path: path, schema: try DatabaseSchema(json: ServerTestSchema.json)).close()
        let socket = "\(directory.path)/db.sock"
        var configuration = ServerConfiguration(databases: [path], remotes: [.passiveUnix(path: socket)])
        configure(&configuration)
        let log = CapturedLog()
        let server = try await OVSDBServer.start(configuration, logger: log.logger)
        return InProcessServer(server: server, directory: directory, socket: socket, log: log)
    }

    /// A new client connection.
    func connect() throws -> UnixSocketConnection {
        try UnixSocketConnection(path: socket)
    }

    /// The bytes of request `method(params)` with `id`.
    static func request(_ method: String, _ params: JSON, id: Int) -> [UInt8] {
        JSON.object(["method": .string(method), "params": params, "id": .integer(Int64(id))]).serialized()
    }

    /// The bytes of a `transact` inserting a `Child` row with key `number` and a tag of
    /// `tagBytes` bytes.
    static func insertChild(_ number: Int, tagBytes: Int) -> [UInt8] {
        request("transact", ["Test", ["op": "insert", "table": "Child",
                                      "row": ["k": .integer(Int64(number)), "tag": .string(String(repeating: "x", count: tagBytes))]]],
                id: number)
    }
}
