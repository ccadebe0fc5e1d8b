import Logging
import NIOCore
import NIOPosix
import NIOSSL
import OVSDB

extension OVSDBServer {
    /// Binds `remote` and sets up each accepted connection: TLS for `pssl:`, the
    /// ``OVSDB/JSONRPCFramer`` bounded by the maximum message size, then a
    /// ``SessionHandler``.
    static func listen(on remote: OVSDBRemote, configuration: ServerConfiguration, tls: NIOSSLContext?,
                       core: ServerCoreHandle, ids: SessionIDs, group: EventLoopGroup,
                       logger: Logger) async throws(ServerError) -> Channel {
        let isTCP: Bool
        switch remote {
        case .passiveTCP, .passiveSSL: isTCP = true
        case .passiveUnix: isTCP = false
        case .tcp, .ssl, .unix: throw .activeRemote(remote)
        }
        let sslContext: NIOSSLContext?
        if remote.usesTLS {
            guard let tls else { throw .missingTLSFiles(remote) }
            sslContext = tls
        } else {
            sslContext = nil
        }
        let limits = SessionLimits(maxBacklogBytes: configuration.maxBacklogBytes,
                                   maxPendingMessages: configuration.maxPendingMessages,
                                   inactivityProbe: isTCP ? configuration.inactivityProbe : nil,
                                   scheme: remote.usesTLS ? "ssl" : "tcp")
        let parserLimits = JSONParserLimits(maxBytes: configuration.maxMessageBytes,
                                            maxStringBytes: min(configuration.maxMessageBytes, JSONParserLimits.default.maxStringBytes))
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelOption(.writeBufferWaterMark, value: ChannelOptions.Types.WriteBufferWaterMark(low: 1 << 20, high: 4 << 20))
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let sslContext {
                        try pipeline.addHandler(NIOSSLServerHandler(context: sslContext))
                    }
                    try pipeline.addHandler(ByteToMessageHandler(JSONRPCFramer(limits: parserLimits)))
                    try pipeline.addHandler(SessionHandler(core: core, id: ids.next(), limits: limits, logger: logger))
                }
            }
        do {
            switch remote {
            case .passiveTCP(let port, let host), .passiveSSL(let port, let host):
                return try await bootstrap.bind(host: host, port: port).get()
            case .passiveUnix(let path):
                return try await bootstrap.bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true).get()
            case .tcp, .ssl, .unix:
                throw ServerError.activeRemote(remote)
            }
        } catch {
            throw .bindFailed(remote, "\(error)")
        }
    }

    /// The remote a client uses to reach `channel`, bound for `remote`.
    static func activeAddress(of channel: Channel, for remote: OVSDBRemote) -> OVSDBRemote {
        switch remote {
        case .passiveUnix(let path):
            return .unix(path: path)
        case .passiveTCP(let port, let host), .passiveSSL(let port, let host):
            let address = channel.localAddress
            let boundHost = address?.ipAddress ?? host
            let boundPort = address?.port ?? port
            return remote.usesTLS ? .ssl(host: boundHost, port: boundPort) : .tcp(host: boundHost, port: boundPort)
        case .tcp, .ssl, .unix:
            return remote
        }
    }

    /// The TLS context of a `pssl:` listener: the server's key and certificate, client
    /// certificates required and checked against the CA (mutual TLS, as
    /// `ovsdb-server`), no host name check.
    static func makeTLSContext(_ files: TLSFiles) throws(ServerError) -> NIOSSLContext {
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(files.certificate)
            let key = try NIOSSLPrivateKey(file: files.privateKey, format: .pem)
            let configuration = TLSConfiguration.makeServerConfigurationWithMTLS(
                certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key),
                trustRoots: .file(files.caCertificate))
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw .tls("\(error)")
        }
    }
}
