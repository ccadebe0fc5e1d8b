import Logging
import NIOCore
import NIOPosix
import OVSDB

/// An OVSDB client that keeps a replica of the tables it monitors: the IDL every
/// DigestSync controller uses (../shared/DESIGN.md, "SyncClient").
///
/// It connects over `tcp:`, `ssl:` or `unix:` to the first remote that works, checks the
/// server's `_Server` row, resynchronises its replica (by digest when the server speaks
/// the protocol, otherwise `monitor_cond_since`, `monitor_cond` or `monitor`, as OVS's
/// IDLs do), applies every update, and reconnects with backoff when the connection
/// goes. Readers take ``snapshot`` from any thread at any time; change callbacks hear of
/// every applied update exactly once, in order.
///
/// ```swift
/// let client = try SyncClient(configuration: configuration)
/// client.onChange(table: "Port_Binding") { batch in print(batch["Port_Binding"].inserted) }
/// client.start()
/// try await client.waitForSync()
/// let results = try await client.transact([["op": "insert", "table": "Chassis", "row": ["name": "hv1"]]])
/// await client.shutdown()
/// ```
///
/// All of the client's work runs on one event loop of the group it is given (by default
/// NIO's shared `MultiThreadedEventLoopGroup.singleton`). Change callbacks run on that
/// loop, one at a time, before the next update is applied: they must not block. Call
/// ``shutdown()`` when done: until then the client keeps reconnecting.
public final class SyncClient: Sendable {
    /// The configuration the client was made with.
    public let configuration: ClientConfiguration
    private let loop: any EventLoop
    private let core: NIOLoopBoundBox<ClientCore>
    private let observers: ClientObservers

    /// A client for `configuration`, not connected yet (call ``start()``). With
    /// ``ClientConfiguration/persistence`` set, the replica file is read here: if it is
    /// valid for this configuration, ``snapshot`` holds its rows at once and the first
    /// connection resynchronises them; otherwise (missing, damaged, other requests) the
    /// client starts empty and logs why.
    public init(configuration: ClientConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "digestsync.client")) throws(SyncClientError) {
        try Self.validate(configuration)
        self.configuration = configuration
        var replica = Replica(database: configuration.database)
        if let persistence = configuration.persistence {
            do {
                replica = try ReplicaStore.load(from: persistence.path, configuration: configuration)
                logger.info("loaded \(replica.rowCount) rows from \(persistence.path)")
            } catch {
                logger.info("not using the replica file: \(error)")
            }
        }
        loop = eventLoopGroup.next()
        observers = ClientObservers(snapshot: replica.snapshot)
        let machine = ConnectionStateMachine(configuration: configuration, replica: replica, logger: logger)
        let persistence = configuration.persistence.map {
            ReplicaPersistence(settings: $0, database: configuration.database, logger: logger)
        }
        core = NIOLoopBoundBox.makeBoxSendingValue(
            ClientCore(loop: loop, machine: machine, observers: observers, logger: logger, persistence: persistence),
            eventLoop: loop)
    }

    private static func validate(_ configuration: ClientConfiguration) throws(SyncClientError) {
        guard !configuration.remotes.isEmpty else { throw .invalidConfiguration("no remote to connect to") }
        if let passive = configuration.remotes.first(where: \.isPassive) {
            throw .invalidConfiguration("\(passive) is a passive remote; a client needs tcp:, ssl: or unix:")
        }
        if configuration.remotes.contains(where: \.usesTLS), configuration.tls == nil {
            throw .invalidConfiguration("ssl: remotes need TLS files (ClientConfiguration.tls)")
        }
        guard !configuration.tables.isEmpty else { throw .invalidConfiguration("no table to monitor") }
    }

    /// Starts connecting (once; later calls do nothing).
    public func start() {
        let core = self.core
        loop.execute { core.value.start() }
    }

    /// Closes the connection, stops reconnecting, fails every outstanding call with
    /// ``SyncClientError/shutDown``, and writes the replica file (if configured) before
    /// returning.
    public func shutdown() async {
        let core = self.core
        let saved = loop.flatSubmit {
            core.value.stop()
            return core.value.persistence?.finalSave(core: core.value) ?? core.value.loop.makeSucceededVoidFuture()
        }
        try? await saved.get()
    }

    // MARK: Reading

    /// The replica now: O(1), from any thread, consistent (never half an update).
    public var snapshot: ReplicaSnapshot {
        observers.snapshot
    }

    /// The connection state now.
    public var state: ConnectionState {
        observers.state
    }

    /// The connection states from now on, starting with the current one; the stream
    /// ends when the client is shut down.
    public func states() -> AsyncStream<ConnectionState> {
        observers.stateStream()
    }

    /// Returns once the replica is current (the client is monitoring); throws
    /// ``SyncClientError/shutDown`` if the client is shut down first.
    public func waitForSync() async throws(SyncClientError) {
        for await state in states() where state.isMonitoring {
            return
        }
        throw .shutDown
    }

    /// The replica with its incremental digest, as the event loop holds it (for tests
    /// that compare the digest with one rebuilt from the rows).
    func currentReplica() async -> Replica {
        let core = self.core
        return await withCheckedContinuation { continuation in
            loop.execute { continuation.resume(returning: core.value.replica) }
        }
    }

    /// Calls `body` with every batch of changes that touches `table` (nil: every batch),
    /// on the client's event loop, after ``snapshot`` already reflects it. Register
    /// before ``start()`` to hear about every change.
    @discardableResult
    public func onChange(table: String? = nil, _ body: @escaping @Sendable (ChangeBatch) -> Void) -> ChangeSubscription {
        let id = observers.addChangeCallback(table: table, body)
        return ChangeSubscription(id: id, observers: observers)
    }

    // MARK: Writing

    /// Runs `operations` (RFC 7047 section 5.2 operations on the monitored database) as one
    /// transaction and returns the server's result array. The updates the transaction
    /// causes are in the replica before this returns (the server sends them first).
    ///
    /// Throws ``SyncClientError/operationFailed(index:error:results:)`` if an operation
    /// failed (nothing was committed), ``SyncClientError/requestFailed(method:error:)``
    /// for an error reply, ``SyncClientError/notConnected`` if the client is not
    /// monitoring, ``SyncClientError/disconnected`` if the connection was lost before the
    /// reply (the outcome is unknown).
    public func transact(_ operations: [JSON]) async throws(SyncClientError) -> [JSON] {
        let core = self.core
        let result = await withCheckedContinuation { continuation in
            loop.execute { core.value.transact(operations, continuation) }
        }
        return try result.get()
    }

    /// Changes the condition of a monitored table (monitor semantics: clauses OR-ed, `[]`
    /// every row) with `monitor_cond_change`, and returns once the server applies it and
    /// the replica reflects it; while disconnected, the condition goes into the next
    /// connection's monitor request. Against a plain `monitor` server (no conditions) it
    /// returns at once and every row stays replicated.
    public func setCondition(table: String, where clauses: [JSON]) async throws(SyncClientError) {
        let core = self.core
        let result = await withCheckedContinuation { continuation in
            loop.execute { core.value.setCondition(table: table, clauses: clauses, continuation) }
        }
        try result.get()
    }
}

/// A registered change callback; ``cancel()`` removes it.
public struct ChangeSubscription: Sendable {
    let id: Int
    let observers: ClientObservers

    /// Stops calling the callback.
    public func cancel() {
        observers.removeChangeCallback(id)
    }
}
