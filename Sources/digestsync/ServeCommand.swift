import ArgumentParser
import Logging
import OVSDB
import SyncServer
#if canImport(Glibc)
import Glibc
#endif

/// `digestsync serve DB... --remote R...`, like `ovsdb-server`: serves the database
/// files (and `_Server`) over `ptcp:`, `pssl:` and `punix:` remotes until SIGTERM or
/// SIGINT, then closes every connection and file and exits 0.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve database files over the OVSDB JSON-RPC protocol (like ovsdb-server) until SIGTERM or SIGINT.",
        discussion: """
            Each listener is logged as "listening on <remote>" with the address clients connect to \
            (the real port of ptcp:0). Example: digestsync serve sb.db --remote punix:/run/sb.sock --remote ptcp:6642:127.0.0.1
            """
    )

    @Argument(help: "The database files (standalone OVSDB files, e.g. made by `digestsync create` or `ovsdb-tool create`).")
    var databases: [String]

    @Option(name: .customLong("remote"), help: "Where to listen: ptcp:PORT[:IP], pssl:PORT[:IP] or punix:PATH (repeatable).")
    var remotes: [String]

    @Option(name: .customLong("private-key"), help: "The server's private key (PEM), for pssl: remotes.")
    var privateKey: String?

    @Option(name: .customLong("certificate"), help: "The server's certificate (PEM), for pssl: remotes.")
    var certificate: String?

    @Option(name: .customLong("ca-cert"), help: "The CA certificate client certificates must chain to (PEM), for pssl: remotes.")
    var caCertificate: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    @Option(name: .customLong("max-backlog"), help: "Unsent bytes (beyond initial monitor replies) that disconnect a slow client.")
    var maxBacklog: Int = 64 << 20

    @Option(name: .customLong("max-message-size"), help: "The largest message in bytes a client may send.")
    var maxMessageSize: Int = 256 << 20

    @Option(name: .customLong("inactivity-probe"), help: "Milliseconds without traffic before a TCP/TLS client is probed with echo; 0 disables.")
    var inactivityProbe: Int = 5000

    @Option(name: .customLong("history"), help: "Transactions kept per database for monitor_cond_since.")
    var history: Int = 100

    @Option(name: .customLong("io-threads"), help: "Connection threads besides the database thread; 0 serves connections on the database thread, as ovsdb-server does.")
    var ioThreads: Int = 0

    @Option(name: .customLong("max-digest-exchanges"), help: "Digest resync exchanges open at once; more digest_resync requests wait in arrival order.")
    var maxDigestExchanges: Int = DigestConfiguration().maximumExchanges

    @Option(name: .customLong("pidfile"), help: "Write the process id to this file while serving.")
    var pidfile: String?

    func validate() throws {
        guard !remotes.isEmpty else { throw ValidationError("give at least one --remote") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
        let tlsFiles = [privateKey, certificate, caCertificate].compactMap { $0 }
        guard tlsFiles.isEmpty || tlsFiles.count == 3 else {
            throw ValidationError("--private-key, --certificate and --ca-cert go together")
        }
        guard maxBacklog > 0, maxMessageSize > 0, inactivityProbe >= 0, history > 0, ioThreads >= 0, maxDigestExchanges > 0 else {
            throw ValidationError("limits must be positive")
        }
    }

    func run() async throws {
        DigestSync.bootstrapLogging(level: Logger.Level(rawValue: logLevel) ?? .info)
        let logger = Logger(label: "digestsync")
        var configuration = ServerConfiguration(databases: databases, remotes: try remotes.map { text in
            do {
                return try OVSDBRemote(parsing: text)
            } catch {
                throw ValidationError("\(error)")
            }
        })
        if let privateKey, let certificate, let caCertificate {
            configuration.tls = TLSFiles(privateKey: privateKey, certificate: certificate, caCertificate: caCertificate)
        }
        configuration.maxBacklogBytes = maxBacklog
        configuration.maxMessageBytes = maxMessageSize
        configuration.inactivityProbe = inactivityProbe > 0 ? .milliseconds(Int64(inactivityProbe)) : nil
        configuration.historyLength = history
        configuration.ioThreads = ioThreads
        configuration.digest.maximumExchanges = maxDigestExchanges

        let server: OVSDBServer
        do {
            server = try await OVSDBServer.start(configuration, logger: logger)
        } catch {
            FileHandleOutput.standardError("digestsync: \(error)\n")
            throw ExitCode(1)
        }
        if let pidfile { writePidfile(pidfile) }
        let signal = await TerminationSignal.wait()
        logger.info("received signal \(signal), shutting down")
        await server.shutdown()
        if let pidfile { unlink(pidfile) }
    }

    private func writePidfile(_ path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            FileHandleOutput.standardError("digestsync: cannot write \(path): \(String(cString: strerror(errno)))\n")
            return
        }
        let text = Array("\(getpid())\n".utf8)
        _ = text.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
    }
}
