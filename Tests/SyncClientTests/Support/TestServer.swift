import Foundation
#if canImport(Glibc)
import Glibc
#endif
import BenchmarkSupport
import OVSDB
import OVSTestSupport

/// Runs blocking `body` (processes, sockets, sleeps) on a thread of its own, so that the
/// tests' blocking work never holds one of the few threads of Swift's cooperative pool,
/// which the clients' state streams and the tests' polling need.
func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// A real server for one test, in its own temporary directory: Debian's ovsdb-server
/// 3.1.0, standalone or a one-member cluster (`ovsdb-tool create-cluster`), on a unix
/// socket and optionally a tcp or ssl port, or this build's `digestsync serve` (with the
/// digest endpoint) on a standalone file and a unix socket; it can be stopped and
/// started again on the same file, socket and port. Every wait is bounded.
final class TestServer: @unchecked Sendable {
    enum Transport {
        case unixOnly
        case tcp
        case ssl(TestCertificates)
    }

    /// Which server program runs.
    enum Program: Sendable {
        /// Debian's `ovsdb-server`.
        case ovsdbServer
        /// `digestsync serve` of this build.
        case digestsync
    }

    let directory: TemporaryDirectory
    let clustered: Bool
    let transport: Transport
    let program: Program
    let databaseFile: String
    let socketPath: String
    private(set) var port: Int?
    private var process: ChildProcess?
    private var starts = 0

    /// Creates the database from `schema` and starts the server, off Swift's cooperative
    /// thread pool (see ``offload(_:)``).
    static func make(schema: JSON = TestSchema.json, clustered: Bool = false,
                     transport: Transport = .unixOnly, program: Program = .ovsdbServer) async throws -> TestServer {
        try await offload { try TestServer(schema: schema, clustered: clustered, transport: transport, program: program) }
    }

    private init(schema: JSON, clustered: Bool, transport: Transport, program: Program) throws {
        directory = try TemporaryDirectory()
        self.clustered = clustered
        self.transport = transport
        self.program = program
        if program == .digestsync, clustered || !transport.isUnixOnly {
            throw ToolFailure(description: "digestsync serve runs here on a standalone file and a unix socket only")
        }
        databaseFile = "\(directory.path)/test.db"
        socketPath = "\(directory.path)/db.sock"
        let schemaFile = try TestSchema.write(schema, in: directory)
        let arguments = clustered
            ? ["create-cluster", databaseFile, schemaFile, "unix:\(directory.path)/raft.sock"]
            : ["create", databaseFile, schemaFile]
        let created = try OVSTool.run("ovsdb-tool", arguments)
        guard created.status == 0 else { throw ToolFailure(description: "ovsdb-tool: \(created.stderr)") }
        try startBlocking()
    }

    deinit {
        stopBlocking()
    }

    /// The unix socket remote.
    var unixRemote: OVSDBRemote { .unix(path: socketPath) }

    /// The tcp or ssl remote (the unix one if the server has neither).
    var networkRemote: OVSDBRemote {
        switch (transport, port) {
        case (.tcp, let port?): return .tcp(host: "127.0.0.1", port: port)
        case (.ssl, let port?): return .ssl(host: "127.0.0.1", port: port)
        default: return unixRemote
        }
    }

    /// Starts the server (again) and waits until it listens.
    func start() async throws {
        try await offload { try self.startBlocking() }
    }

    private func startBlocking() throws {
        starts += 1
        let log = "\(directory.path)/server\(starts).log"
        if program == .digestsync {
            process = try ChildProcess.spawn(try DigestSyncBinary.path(),
                                             ["serve", databaseFile, "--remote", "punix:\(socketPath)", "--log-level", "info"],
                                             errorPath: log)
            try waitUntilListening(log: log)
            return
        }
        var arguments = ["--remote=punix:\(socketPath)", "--unixctl=\(directory.path)/ctl", "--log-file=\(log)",
                         "--no-chdir", "-vconsole:off"]
        switch transport {
        case .unixOnly: break
        case .tcp: arguments.append("--remote=ptcp:\(port ?? 0):127.0.0.1")
        case .ssl(let certificates):
            arguments += ["--remote=pssl:\(port ?? 0):127.0.0.1", "--private-key=\(certificates.serverKey)",
                          "--certificate=\(certificates.serverCertificate)", "--ca-cert=\(certificates.caCertificate)"]
        }
        process = try ChildProcess.spawn(try OVSTool.executable("ovsdb-server"), arguments + [databaseFile])
        try waitUntilListening(log: log)
    }

    private func waitUntilListening(log: String) throws {
        let deadline = Date().addingTimeInterval(10)
        while !isListening(log: log) {
            guard process?.isRunning == true, Date() < deadline else {
                stopBlocking()
                throw ToolFailure(description: "\(program) did not start: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    private func isListening(log: String) -> Bool {
        if program == .digestsync {
            return (try? String(contentsOfFile: log, encoding: .utf8))?.contains("listening on") ?? false
        }
        guard FileManager.default.fileExists(atPath: socketPath), (try? UnixSocketConnection(path: socketPath)) != nil else {
            return false
        }
        if case .unixOnly = transport { return true }
        if port != nil { return (try? String(contentsOfFile: log, encoding: .utf8))?.contains("listening on port") ?? false }
        guard let text = try? String(contentsOfFile: log, encoding: .utf8),
              let range = text.range(of: "listening on port ") else { return false }
        port = Int(text[range.upperBound...].prefix { $0.isNumber })
        return port != nil
    }

    /// Stops the server (SIGTERM: it removes its socket).
    func stop() async {
        _ = try? await offload { self.stopBlocking() }
    }

    private func stopBlocking() {
        process?.send(SIGCONT)
        _ = process?.terminateBlocking(grace: .seconds(2))
        process = nil
    }

    /// Freezes the server (SIGSTOP): connections stay open, nothing is answered.
    func freeze() {
        process?.send(SIGSTOP)
    }

    /// Lets a frozen server run again (SIGCONT).
    func thaw() {
        process?.send(SIGCONT)
    }

    /// Runs `ovsdb-tool transact` on the database file of a stopped standalone server.
    func transactOffline(_ operations: [JSON]) async throws {
        let databaseFile = self.databaseFile
        let output = try await offload { try OVSTool.run("ovsdb-tool", ["transact", databaseFile, JSON.array(["Test"] + operations).description]) }
        guard output.status == 0, !output.stdout.contains("\"error\"") else {
            throw ToolFailure(description: "ovsdb-tool transact: \(output.stdout) \(output.stderr)")
        }
    }

    /// Stops and starts the server on the same file, socket and port.
    func restart() async throws {
        try await offload {
            self.stopBlocking()
            try self.startBlocking()
        }
    }

    /// Runs a transaction on the server through its unix socket (a writer independent of
    /// the client under test) and returns the result array; throws if an operation failed.
    @discardableResult
    func transact(_ operations: [JSON]) async throws -> [JSON] {
        let socketPath = self.socketPath
        return try await offload { try Self.transact(operations, socketPath: socketPath) }
    }

    private static func transact(_ operations: [JSON], socketPath: String) throws -> [JSON] {
        let connection = try UnixSocketConnection(path: socketPath)
        let request = JSONRPCMessage.request(method: "transact", params: ["Test"] + operations, id: "t")
        var bytes: [UInt8] = []
        request.serialize(into: &bytes)
        try connection.send(bytes)
        for message in try connection.receiveMessages(1, timeout: 10) {
            guard case .reply(.array(let results), _) = message else {
                throw ToolFailure(description: "transact failed: \(message)")
            }
            if let failed = results.first(where: { $0["error"] != nil }) {
                throw ToolFailure(description: "transact failed: \(failed)")
            }
            return results
        }
        throw ToolFailure(description: "no transact reply")
    }

    /// `ovs-appctl -t <ctl> <command>`.
    func appctl(_ command: [String]) async throws -> String {
        let control = "\(directory.path)/ctl"
        let output = try await offload { try OVSTool.run("ovs-appctl", ["-t", control] + command, timeout: 10) }
        guard output.status == 0 else { throw ToolFailure(description: "ovs-appctl \(command): \(output.stderr)") }
        return output.stdout
    }
}

extension TestServer.Transport {
    /// True for a unix socket alone.
    var isUnixOnly: Bool {
        if case .unixOnly = self { return true }
        return false
    }
}
