import BenchmarkSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import OVSDB
import OVSTestSupport
import Testing

/// A server under test, `digestsync serve` or the real `ovsdb-server`, serving database
/// files in a temporary directory on a unix socket (and any further remotes), started
/// with bounded waits and stopped when released. The same tests run against both.
final class ServerProcess: @unchecked Sendable {
    /// Which program.
    enum Kind: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case digestsync
        case ovsdbServer = "ovsdb-server"

        var testDescription: String { rawValue }
    }

    let kind: Kind
    /// The database files.
    let databases: [String]
    /// The directory holding the socket and the log.
    let directory: String
    /// The unix socket's path.
    let socketPath: String
    /// The server's log (stderr for digestsync, `--log-file` for ovsdb-server).
    let logPath: String
    /// The `unix:` remote clients connect to.
    var remote: String { "unix:\(socketPath)" }
    /// The remotes the log reported after the last start (digestsync only): e.g. the
    /// `tcp:127.0.0.1:PORT` of a `ptcp:0` remote.
    private(set) var listening: [String] = []
    private let name: String
    private let extraRemotes: [String]
    private let extraArguments: [String]
    private var process: ChildProcess?

    /// Starts `kind` serving `databases`, on `<directory>/<name>.sock` plus
    /// `extraRemotes`, with `extraArguments`.
    init(_ kind: Kind, databases: [String], directory: String, name: String = "server",
         extraRemotes: [String] = [], extraArguments: [String] = []) throws {
        self.kind = kind
        self.databases = databases
        self.directory = directory
        socketPath = "\(directory)/\(name).sock"
        logPath = "\(directory)/\(name).log"
        self.name = name
        self.extraRemotes = extraRemotes
        self.extraArguments = extraArguments
        try start()
    }

    deinit {
        stop()
    }

    /// Starts the server and waits until it listens on every remote.
    func start() throws {
        let remotes = ["punix:\(socketPath)"] + extraRemotes
        unlink(logPath)
        switch kind {
        case .digestsync:
            process = try ChildProcess.spawn(try DigestSyncBinary.path(),
                                             ["serve"] + databases + remotes.flatMap { ["--remote", $0] } + extraArguments,
                                             errorPath: logPath)
        case .ovsdbServer:
            process = try ChildProcess.spawn(try OVSTool.executable("ovsdb-server"),
                                             remotes.map { "--remote=\($0)" } + ["--unixctl=\(directory)/\(name).ctl", "--log-file=\(logPath)",
                                                                                 "--no-chdir"] + extraArguments + databases)
        }
        let deadline = Date().addingTimeInterval(20)
        while !isListening(on: remotes.count) {
            guard process?.isRunning == true, Date() < deadline else {
                let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
                stop()
                throw ToolFailure(description: "\(kind.rawValue) did not start within 20 s: \(log)")
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    /// The socket file appears at bind(), a moment before listen(): a connection must
    /// succeed, or a client started right away may be refused.
    private func isListening(on count: Int) -> Bool {
        guard (try? UnixSocketConnection(path: socketPath)) != nil else { return false }
        guard kind == .digestsync else { return true }
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        listening = log.split(separator: "\n").compactMap { line in
            line.range(of: "listening on ").map { String(line[$0.upperBound...]) }
        }
        return listening.count >= count
    }

    /// Stops the server with SIGTERM (then SIGKILL) and reaps it; returns its status.
    @discardableResult
    func stop() -> Int32? {
        guard let process else { return nil }
        self.process = nil
        return process.terminateBlocking(grace: .seconds(10))
    }

    /// Kills the server with SIGKILL, as a crash would.
    func kill() {
        process?.killAndReap()
        process = nil
    }

    /// The log so far.
    var log: String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    /// Creates a database file for each schema in `directory` with `ovsdb-tool create`,
    /// named after the schema file (`ovn-sb.db`), prefixed by `prefix`.
    static func createDatabases(_ schemas: [String], in directory: String, prefix: String) throws -> [String] {
        try schemas.map { schema in
            let name = (schema as NSString).lastPathComponent.replacingOccurrences(of: ".ovsschema", with: "")
            let path = "\(directory)/\(prefix)\(name).db"
            let created = try OVSTool.run("ovsdb-tool", ["create", path, schema])
            guard created.status == 0 else { throw ToolFailure(description: created.stderr) }
            return path
        }
    }
}
