import Logging
import NIOCore
import NIOPosix
import NIOSSL
import OVSDB

/// The mutable heart of a ``SyncClient``, confined to the client's event loop: it feeds
/// the ``ConnectionStateMachine`` with what happens on the network and on the public API,
/// and carries out the machine's actions (connect, send, close, timers, publishing the
/// replica, resuming callers).
///
/// Every connection of the client is opened on the same event loop, so the handlers of
/// the current channel call in here directly. Events of a channel that is no longer the
/// current one (closed by the machine) are dropped by their connection number.
final class ClientCore {
    let loop: any EventLoop
    let observers: ClientObservers
    private var machine: ConnectionStateMachine
    private var logger: Logger
    private var channel: (any Channel)?
    private var connectionNumber = 0
    private var retryTask: Scheduled<Void>?
    private var nextToken = 0
    private var transactions: [Int: CheckedContinuation<Result<[JSON], SyncClientError>, Never>] = [:]
    private var conditionChanges: [Int: CheckedContinuation<Result<Void, SyncClientError>, Never>] = [:]
    private var tlsContext: NIOSSLContext?
    let persistence: ReplicaPersistence?

    init(loop: any EventLoop, machine: ConnectionStateMachine, observers: ClientObservers, logger: Logger,
         persistence: ReplicaPersistence?) {
        self.loop = loop
        self.machine = machine
        self.observers = observers
        self.logger = logger
        self.persistence = persistence
    }

    private var bound: NIOLoopBound<ClientCore> { NIOLoopBound(self, eventLoop: loop) }

    // MARK: Public API, on the loop

    func start() {
        handle { $0.start() }
    }

    func stop() {
        retryTask?.cancel()
        retryTask = nil
        handle { $0.stop() }
    }

    func transact(_ operations: [JSON], _ continuation: CheckedContinuation<Result<[JSON], SyncClientError>, Never>) {
        let token = takeToken()
        transactions[token] = continuation
        handle { $0.transact(operations, token: token) }
    }

    func setCondition(table: String, clauses: [JSON], _ continuation: CheckedContinuation<Result<Void, SyncClientError>, Never>) {
        let token = takeToken()
        conditionChanges[token] = continuation
        handle { $0.setCondition(table: table, clauses: clauses, token: token) }
    }

    /// The replica as the persistence layer saves it (only in a consistent state).
    var persistentState: PersistedReplica? {
        machine.persistentState
    }

    /// The replica with its digest.
    var replica: Replica { machine.replica }

    private func takeToken() -> Int {
        nextToken += 1
        return nextToken
    }

    // MARK: Driving the machine

    private func handle(_ event: (inout ConnectionStateMachine) -> [ConnectionStateMachine.Action]) {
        let actions = event(&machine)
        for action in actions { perform(action) }
    }

    private func perform(_ action: ConnectionStateMachine.Action) {
        switch action {
        case .connect(let remote):
            connect(to: remote)
        case .send(let message):
            var buffer = ByteBufferAllocator().buffer(capacity: 256)
            buffer.writeJSONRPCMessage(message)
            channel?.writeAndFlush(buffer, promise: nil)
        case .close:
            let closing = channel
            channel = nil
            connectionNumber += 1
            closing?.close(promise: nil)
        case .scheduleRetry(let delay):
            let bound = self.bound
            retryTask = loop.scheduleTask(in: TimeAmount(delay)) { bound.value.retryTimerFired() }
        case .replicaChanged(let batch):
            observers.publish(machine.replica.snapshot, batch: batch)
            persistence?.changed(core: self)
        case .stateChanged(let state):
            logger.debug("state: \(state)")
            observers.publish(state)
        case .completeTransaction(let token, let result):
            transactions.removeValue(forKey: token)?.resume(returning: result)
        case .completeCondition(let token, let result):
            conditionChanges.removeValue(forKey: token)?.resume(returning: result)
        }
    }

    private func retryTimerFired() {
        retryTask = nil
        handle { $0.retryTimerFired() }
    }

    // MARK: Connections

    private func connect(to remote: OVSDBRemote) {
        connectionNumber += 1
        let number = connectionNumber
        let bound = self.bound
        let tls: NIOSSLContext?
        do {
            tls = try tlsContext(for: remote)
        } catch {
            handle { $0.connectionFailed("\(error)") }
            return
        }
        let keepalive = machine.configuration.keepaliveInterval(for: remote).map(TimeAmount.init)
        let limits = machine.configuration.messageLimits
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(TimeAmount(max(.seconds(1), machine.configuration.connectTimeout)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if let tls { try sync.addHandler(NIOSSLClientHandler(context: tls, serverHostname: nil)) }
                    if let keepalive { try sync.addHandler(IdleStateHandler(readTimeout: keepalive)) }
                    try sync.addHandler(ByteToMessageHandler(JSONRPCFramer(limits: limits)))
                    try sync.addHandler(ClientChannelHandler { event in bound.value.channelEvent(number, event) })
                }
            }
        let connecting: EventLoopFuture<any Channel>
        switch remote {
        case .tcp(let host, let port), .ssl(let host, let port):
            connecting = bootstrap.connect(host: host, port: port)
        case .unix(let path):
            connecting = bootstrap.connect(unixDomainSocketPath: path)
        case .passiveTCP, .passiveSSL, .passiveUnix:
            handle { $0.connectionFailed("\(remote) is a passive remote") }
            return
        }
        connecting.whenComplete { result in bound.value.connectCompleted(number, result) }
    }

    /// The TLS context for `ssl:` remotes (made once, from the configured files); nil for
    /// the others.
    private func tlsContext(for remote: OVSDBRemote) throws -> NIOSSLContext? {
        guard case .ssl = remote else { return nil }
        if tlsContext == nil {
            guard let files = machine.configuration.tls else {
                throw SyncClientError.invalidConfiguration("\(remote) needs TLS files (ClientConfiguration.tls)")
            }
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateChain = try NIOSSLCertificate.fromPEMFile(files.certificate).map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: files.privateKey, format: .pem))
            tls.trustRoots = .file(files.caCertificate)
            // ovsdb-server's certificates name no host: OVS checks the CA only.
            tls.certificateVerification = .noHostnameVerification
            tlsContext = try NIOSSLContext(configuration: tls)
        }
        return tlsContext
    }

    private func connectCompleted(_ number: Int, _ result: Result<any Channel, any Error>) {
        guard number == connectionNumber else {
            if case .success(let stale) = result { stale.close(promise: nil) }
            return
        }
        switch result {
        case .success(let channel) where channel.isActive:
            self.channel = channel
            handle { $0.connectionEstablished() }
        case .success:
            handle { $0.connectionFailed("closed by the server at once") }
        case .failure(let error):
            handle { $0.connectionFailed("\(error)") }
        }
    }

    private func channelEvent(_ number: Int, _ event: ClientChannelHandler.Event) {
        guard number == connectionNumber, channel != nil else { return }
        switch event {
        case .message(let message):
            handle { $0.received(message) }
        case .closed(let reason):
            channel = nil
            connectionNumber += 1
            handle { $0.connectionClosed(reason) }
        }
    }
}
