import Foundation
import BenchmarkSupport
import OVSDB

/// A real `ovsdb-server` serving database files on a unix socket in a temporary
/// directory; started with a bounded wait until it accepts connections, stopped when
/// released.
public final class OVSDBServerProcess: @unchecked Sendable {
    /// Where the database files, socket and log live.
    public let directory: TemporaryDirectory
    /// The `unix:` remote clients connect to.
    public let remote: String
    /// The socket's path.
    public let socketPath: String
    private let process: ChildProcess

    /// Creates a database file from each schema file and serves them all.
    public init(schemaFiles: [String]) throws {
        directory = try TemporaryDirectory()
        var databases: [String] = []
        for (index, schema) in schemaFiles.enumerated() {
            let file = "\(directory.path)/db\(index)"
            let created = try OVSTool.run("ovsdb-tool", ["create", file, schema])
            guard created.status == 0 else { throw ToolFailure(description: created.stderr) }
            databases.append(file)
        }
        socketPath = "\(directory.path)/db.sock"
        remote = "unix:\(socketPath)"
        process = try ChildProcess.spawn(
            try OVSTool.executable("ovsdb-server"), ["--remote=punix:\(socketPath)", "--unixctl=\(directory.path)/ctl",
                        "--log-file=\(directory.path)/log", "--no-chdir"] + databases)
        // The socket file appears at bind(), a moment before listen(): wait until a
        // connection succeeds, or a client started right away may be refused.
        let deadline = Date().addingTimeInterval(10)
        while (try? UnixSocketConnection(path: socketPath)) == nil {
            guard process.isRunning, Date() < deadline else {
                stop()
                throw ToolFailure(description: "ovsdb-server did not open \(socketPath) within 10 s")
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    /// Stops the server (SIGTERM, then SIGKILL) and reaps it.
    public func stop() {
        process.terminateBlocking(grace: .seconds(2))
    }

    deinit {
        stop()
    }

    /// `ovsdb-client get-schema <database>` against this server, parsed.
    public func schemaJSON(_ database: String) throws -> JSON {
        let output = try OVSTool.run("ovsdb-client", ["get-schema", remote, database], timeout: 10)
        guard output.status == 0 else { throw ToolFailure(description: output.stderr) }
        return try JSON(parsing: output.stdout)
    }
}
