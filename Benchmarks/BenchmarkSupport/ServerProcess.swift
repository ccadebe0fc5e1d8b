#if canImport(Glibc)
import Glibc
#endif
import Foundation
import OVSDB
import Synchronization

/// One OVSDB server under test, run from a ``ServerSpec`` on database files: started,
/// waited for until it accepts connections, measured (CPU time, peak memory), restarted
/// on the same files and stopped. The server benchmarks run `ovsdb-server` and
/// `digestsync serve` through it the same way.
///
/// The server listens on a unix socket in its directory or on a TCP port of 127.0.0.1
/// chosen when the `ServerProcess` is made (kept across restarts); its standard output
/// and error go to ``outputPath``. Releasing a `ServerProcess` kills a server still
/// running.
public final class ServerProcess: Sendable {
    /// How clients reach the server.
    public enum Transport: String, CaseIterable, Sendable {
        /// A unix domain socket in the server's directory (`punix:`/`unix:`).
        case unix
        /// TCP on 127.0.0.1 (`ptcp:`/`tcp:`).
        case tcp
    }

    /// What is run.
    public let spec: ServerSpec
    /// The database files served.
    public let databases: [String]
    /// The server's private directory (socket, pid, log and control files).
    public let directory: String
    /// The remote the server listens on (`{remote}` of the template).
    public let listenRemote: OVSDBRemote
    /// The remote clients connect to.
    public let clientRemote: OVSDBRemote
    private let child = Mutex<ChildProcess?>(nil)

    /// Prepares (does not start) `spec` serving `databases`, with its files in
    /// `directory` (created if missing).
    public init(spec: ServerSpec, databases: [String], directory: String,
                transport: Transport = .unix) throws(ServerError) {
        self.spec = spec
        self.databases = databases
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .directoryUnusable(directory)
        }
        switch transport {
        case .unix:
            let path = "\(directory)/db.sock"
            listenRemote = .passiveUnix(path: path)
            clientRemote = .unix(path: path)
        case .tcp:
            guard let port = LocalSocket.freeTCPPort() else { throw .noFreePort }
            listenRemote = .passiveTCP(port: port, host: "127.0.0.1")
            clientRemote = .tcp(host: "127.0.0.1", port: port)
        }
    }

    deinit {
        _ = child.withLock { $0?.killAndReap() }
    }

    /// Where the server's standard output and error go.
    public var outputPath: String { "\(directory)/\(spec.name).out" }

    /// The running server's process id.
    public var pid: pid_t? {
        child.withLock { $0?.isRunning == true ? $0?.pid : nil }
    }

    /// Starts the server and waits, at most `timeout`, until it accepts connections.
    public func start(timeout: Duration = .seconds(120)) async throws(ServerError) {
        if case .passiveUnix(let path) = listenRemote { unlink(path) }
        let arguments = spec.expandedArguments(databases: databases, remote: listenRemote, directory: directory)
        if child.withLock({ $0?.isRunning == true }) { throw .alreadyRunning(spec.name) }
        let process: ChildProcess
        do {
            process = try ChildProcess.spawn(spec.executable, arguments, outputPath: outputPath)
        } catch {
            throw .process(error)
        }
        child.withLock { $0 = process }
        let deadline = ContinuousClock.now + timeout
        while !LocalSocket.canConnect(to: clientRemote) {
            if let status = process.poll() {
                throw .exitedDuringStartup(spec.name, status: status, output: outputTail())
            }
            guard ContinuousClock.now < deadline else {
                process.killAndReap()
                throw .notReady(spec.name, remote: clientRemote.description, seconds: Double(timeout.components.seconds))
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Stops the server (`SIGTERM`, then `SIGKILL` after `grace`) and returns its exit
    /// status, or nil if it was not running.
    @discardableResult
    public func stop(grace: Duration = .seconds(10)) async -> Int32? {
        let process = child.withLock { current -> ChildProcess? in
            defer { current = nil }
            return current
        }
        guard let process else { return nil }
        return await process.terminate(grace: grace)
    }

    /// Stops the server and starts it again on the same files and remote.
    public func restart(grace: Duration = .seconds(10), timeout: Duration = .seconds(120)) async throws(ServerError) {
        await stop(grace: grace)
        try await start(timeout: timeout)
    }

    /// The running server's CPU time and memory.
    public func statistics() throws(ServerError) -> ProcessStatistics {
        guard let pid else { throw .notRunning(spec.name) }
        do {
            return try ProcessStatistics.read(pid: pid)
        } catch {
            throw .statistics(error)
        }
    }

    /// The last lines the server printed, for error messages.
    public func outputTail(lines: Int = 20) -> String {
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}

/// Why a server under test could not be run or measured.
public enum ServerError: Error, Sendable, CustomStringConvertible {
    /// The server's directory cannot be created.
    case directoryUnusable(String)
    /// No free TCP port on 127.0.0.1.
    case noFreePort
    /// `start` was called while the server runs.
    case alreadyRunning(String)
    /// The server is not running.
    case notRunning(String)
    /// The program could not be started.
    case process(ProcessError)
    /// The server exited before it accepted connections; `output` is what it printed last.
    case exitedDuringStartup(String, status: Int32, output: String)
    /// The server did not accept connections in time (it was killed).
    case notReady(String, remote: String, seconds: Double)
    /// Its statistics could not be read.
    case statistics(StatisticsError)

    /// What went wrong and where to look.
    public var description: String {
        switch self {
        case .directoryUnusable(let path): return "cannot create the server directory \(path)"
        case .noFreePort: return "no free TCP port on 127.0.0.1"
        case .alreadyRunning(let name): return "\(name) is already running"
        case .notRunning(let name): return "\(name) is not running"
        case .process(let error): return error.description
        case .exitedDuringStartup(let name, let status, let output):
            return "\(name) exited with status \(status) before accepting connections:\n\(output)"
        case .notReady(let name, let remote, let seconds):
            return "\(name) did not accept connections on \(remote) within \(seconds) s (killed)"
        case .statistics(let error): return error.description
        }
    }
}
