import Logging
import NIOCore
import NIOPosix
import NIOSSL
import OVSDB
import Synchronization

/// A running OVSDB server (`digestsync serve`): the JSON-RPC protocol of RFC 7047 and
/// Open vSwitch's extensions (ovsdb-server(7)) over the ``ServerConfiguration``'s
/// remotes, for its database files plus `_Server`.
///
/// Threads: all database state lives on one event loop, the database loop, which
/// handles every request in arrival order (``ServerCore``). Connections live on the
/// database loop too by default, or on a group of ``ServerConfiguration/ioThreads``
/// event loops where framing, JSON parsing and socket I/O run in parallel and each
/// message hops to the database loop and each reply back. Tests and the benchmark start one in process:
///
/// ```swift
/// let server = try await OVSDBServer.start(
///     ServerConfiguration(databases: ["/tmp/sb.db"], remotes: [.passiveUnix(path: "/tmp/sb.sock")]),
///     logger: Logger(label: "server"))
/// defer { Task { await server.shutdown() } }
/// ```
public final class OVSDBServer: Sendable {
    /// The remotes listened on, with the addresses clients reach them at.
    public let listeners: [Listener]
    private let core: ServerCoreHandle
    private let ioGroup: MultiThreadedEventLoopGroup
    private let databaseGroup: MultiThreadedEventLoopGroup
    private let serverChannels: [Channel]
    private let logger: Logger

    private init(listeners: [Listener], core: ServerCoreHandle, ioGroup: MultiThreadedEventLoopGroup,
                 databaseGroup: MultiThreadedEventLoopGroup, serverChannels: [Channel], logger: Logger) {
        self.listeners = listeners
        self.core = core
        self.ioGroup = ioGroup
        self.databaseGroup = databaseGroup
        self.serverChannels = serverChannels
        self.logger = logger
    }

    /// Opens the databases and starts listening; logs each listener as
    /// `listening on <address>` at info level.
    public static func start(_ configuration: ServerConfiguration, logger: Logger) async throws(ServerError) -> OVSDBServer {
        let databaseGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let ioGroup: MultiThreadedEventLoopGroup = configuration.ioThreads > 0
            ? MultiThreadedEventLoopGroup(numberOfThreads: configuration.ioThreads) : databaseGroup
        let loop = databaseGroup.next()
        var channels: [Channel] = []
        do throws(ServerError) {
            let opened = try? await loop.submit { () -> Result<ServerCoreHandle, ServerError> in
                Result { () throws(ServerError) in ServerCoreHandle(try ServerCore.open(configuration, loop: loop, logger: logger)) }
            }.get()
            guard let opened else { throw .bindFailed(.passiveUnix(path: "-"), "the database loop stopped") }
            let core = try opened.get()
            let tls = try configuration.tls.map { files throws(ServerError) in try makeTLSContext(files) }
            let ids = SessionIDs()
            var listeners: [Listener] = []
            for remote in configuration.remotes {
                let channel = try await listen(on: remote, configuration: configuration, tls: tls, core: core,
                                               ids: ids, group: ioGroup, logger: logger)
                channels.append(channel)
                let listener = Listener(remote: remote, address: activeAddress(of: channel, for: remote))
                logger.info("listening on \(listener.address)", metadata: ["remote": "\(remote)"])
                listeners.append(listener)
            }
            return OVSDBServer(listeners: listeners, core: core, ioGroup: ioGroup, databaseGroup: databaseGroup,
                               serverChannels: channels, logger: logger)
        } catch {
            for channel in channels { channel.close(promise: nil) }
            try? await loop.submit {}.get()
            if ioGroup !== databaseGroup { try? await ioGroup.shutdownGracefully() }
            try? await databaseGroup.shutdownGracefully()
            throw error
        }
    }

    /// Stops listening, closes every connection and database file, and stops the
    /// threads: what SIGTERM and SIGINT do to `digestsync serve`.
    public func shutdown() async {
        for channel in serverChannels {
            do {
                try await channel.close().get()
            } catch {
                logger.debug("closing a listener: \(error)")
            }
        }
        let core = core
        do {
            try await core.loop.submit { core.core.value.shutdown() }.get()
            if ioGroup !== databaseGroup { try await ioGroup.shutdownGracefully() }
            try await databaseGroup.shutdownGracefully()
        } catch {
            logger.warning("shutting down: \(error)")
        }
        logger.info("server stopped")
    }
}

/// Hands out session ids, from any connection's event loop.
final class SessionIDs: Sendable {
    private let last = Atomic<Int>(0)

    /// The next id.
    func next() -> SessionID {
        SessionID(number: last.add(1, ordering: .relaxed).newValue)
    }
}
