import Digest
import Logging
import OVSDB

/// The client's protocol logic without I/O: events in (a connection opened or closed, a
/// message arrived, a timer fired, a caller asked for something), actions out (connect,
/// send, close, wait, report). ``ClientCore`` feeds it on the client's event loop and
/// carries out its actions; the tests feed it scripted server replies.
///
/// It follows Open vSwitch's C client (`lib/ovsdb-cs.c`, server-client.md section 10)
/// with the digest step in front of the monitor request (Docs/digest-protocol.md):
///
/// ```
/// connecting --connected--> get_schema _Server
///   ok:    monitor_cond _Server.Database --row usable--> [digest] --> monitor_cond_since
///   error: get_schema <db> ---------------------------> [digest] --> monitor_cond
/// digest_resync:      error ("unknown method", ...) or invalid reply --> the monitor request above
///                     in_sync / done / full --> MONITORING (update3)
/// monitor_cond_since: found=true: apply the changes; found=false: replace the replica
///                     error --> monitor_cond --error--> monitor --error--> retry
/// MONITORING: update/update2/update3 applied; _Server rechecked; monitor_cond_change,
///             one at a time; transactions
/// any lost connection, unusable _Server row, inconsistent update --> waiting (backoff)
///             --> connecting (next remote)
/// ```
///
/// The digest step is offered only when the replica holds data built with the server's
/// schema (after a first sync, or loaded from a replica file).
struct ConnectionStateMachine {
    /// What the machine asks its driver to do.
    enum Action: Sendable {
        /// Open a connection to the remote.
        case connect(OVSDBRemote)
        /// Send the message on the current connection.
        case send(JSONRPCMessage)
        /// Close the current connection (the machine has already moved on).
        case close
        /// Call ``retryTimerFired()`` after this delay.
        case scheduleRetry(Duration)
        /// The replica changed (or just its transaction id, with an empty batch): publish
        /// the snapshot, call the change callbacks if the batch is not empty, persist.
        case replicaChanged(ChangeBatch)
        /// The connection state changed.
        case stateChanged(ConnectionState)
        /// A transaction is over.
        case completeTransaction(token: Int, Result<[JSON], SyncClientError>)
        /// A condition change is in force (or failed).
        case completeCondition(token: Int, Result<Void, SyncClientError>)
    }

    /// The data monitor requests, in the order the client falls back through them.
    enum MonitorMethod: Equatable, Sendable {
        case since, cond, plain
    }

    /// Where the protocol stands.
    enum Phase: Equatable {
        case idle
        case connecting
        case serverSchemaRequested
        case serverMonitorRequested
        case dataSchemaRequested
        case digestRequested
        case monitorRequested(MonitorMethod)
        case monitoring(ResyncMethod)
        case waiting
        case stopped
    }

    /// What an outstanding request was.
    enum PendingRequest {
        case serverSchema, serverMonitor, dataSchema, digest, monitor(MonitorMethod)
        case conditionChange, transact(token: Int), dbChangeAware
    }

    let configuration: ClientConfiguration
    var logger: Logger
    var phase = Phase.idle
    /// The replica of the monitored database.
    var replica: Replica
    /// The replica of `_Server.Database`, while the server has one.
    var serverReplica: Replica?
    var conditions: ConditionTracker
    /// The monitored tables, resolved against the replica's schema.
    var monitors: [String: TableMonitor] = [:]
    var exchange: ClientExchange?
    var dataMonitorID: JSON
    var monitorGeneration = 1
    var minimumIndex: Int64 = 0
    var conditionWaiters: [(token: Int, sequence: Int)] = []
    private var generator: any RandomNumberGenerator
    private var backoff: Backoff
    private var remoteIndex = 0
    private var nextRequestID: Int64 = 1
    private var pending: [Int64: PendingRequest] = [:]
    private var output: [Action] = []

    static let serverMonitorID: JSON = ["monid", "_Server"]

    /// A machine for `configuration` starting from `replica` (empty, or loaded from a
    /// replica file); `generator` draws backoff jitter and digest seeds.
    init(configuration: ClientConfiguration, replica: Replica, logger: Logger,
         generator: some RandomNumberGenerator = SystemRandomNumberGenerator()) {
        self.configuration = configuration
        self.logger = logger
        self.replica = replica
        self.generator = generator
        conditions = ConditionTracker(requests: configuration.tables)
        backoff = Backoff(policy: configuration.backoff, remoteCount: configuration.remotes.count)
        dataMonitorID = ["monid", .string(configuration.database)]
    }

    /// The remote in use or about to be.
    var remote: OVSDBRemote { configuration.remotes[remoteIndex] }

    // MARK: Events

    /// Starts connecting.
    mutating func start() -> [Action] {
        run { $0.phase == .idle ? $0.beginConnecting() : () }
    }

    /// The connection to ``remote`` is open.
    mutating func connectionEstablished() -> [Action] {
        run { machine in
            guard machine.phase == .connecting else { return }
            machine.beginHandshake()
        }
    }

    /// The connection attempt failed.
    mutating func connectionFailed(_ reason: String) -> [Action] {
        run { machine in
            guard machine.phase == .connecting else { return }
            machine.retry("cannot connect to \(machine.remote): \(reason)")
        }
    }

    /// The connection closed without the machine asking for it.
    mutating func connectionClosed(_ reason: String) -> [Action] {
        run { machine in
            switch machine.phase {
            case .idle, .waiting, .stopped: return
            case .connecting: machine.retry("cannot connect to \(machine.remote): \(reason)")
            default: machine.retry("connection to \(machine.remote) closed: \(reason)")
            }
        }
    }

    /// The backoff delay is over.
    mutating func retryTimerFired() -> [Action] {
        run { $0.phase == .waiting ? $0.beginConnecting() : () }
    }

    /// A message arrived on the current connection.
    mutating func received(_ message: JSONRPCMessage) -> [Action] {
        run { machine in
            switch message {
            case .reply(let result, let id):
                machine.handleResponse(id: id, .success(result))
            case .error(let error, let id):
                machine.handleResponse(id: id, .failure(ErrorReply(error: error)))
            case .notification(let method, let params):
                machine.handleNotification(method: method, params: params)
            case .request(let method, _, _):
                machine.logger.debug("ignoring request \(method) from the server")
            }
        }
    }

    /// Shuts down: closes the connection, fails everything outstanding, never reconnects.
    mutating func stop() -> [Action] {
        run { machine in
            guard machine.phase != .stopped else { return }
            if machine.isConnected { machine.emit(.close) }
            machine.failOutstanding(with: .shutDown)
            for waiter in machine.conditionWaiters {
                machine.emit(.completeCondition(token: waiter.token, .failure(.shutDown)))
            }
            machine.conditionWaiters = []
            machine.phase = .stopped
            machine.emit(.stateChanged(.stopped))
        }
    }

    /// Runs one event's handler and returns the actions it emitted.
    mutating func run(_ body: (inout ConnectionStateMachine) -> Void) -> [Action] {
        output = []
        body(&self)
        defer { output = [] }
        return output
    }

    // MARK: Building blocks for the facets

    mutating func emit(_ action: Action) {
        output.append(action)
    }

    /// Sends a request and remembers what it was for.
    mutating func send(_ method: String, _ params: [JSON], as kind: PendingRequest) {
        let id = nextRequestID
        nextRequestID += 1
        pending[id] = kind
        emit(.send(.request(method: method, params: params, id: .integer(id))))
    }

    /// A random number in 0..<1.
    mutating func randomFraction() -> Double {
        Double.random(in: 0..<1, using: &generator)
    }

    /// A random 64-bit seed (digest exchanges).
    mutating func randomSeed() -> UInt64 {
        generator.next()
    }

    /// True while a connection is open (or opening).
    var isConnected: Bool {
        switch phase {
        case .idle, .waiting, .stopped: return false
        default: return true
        }
    }

    /// Updates the replica, reporting the change.
    mutating func updateReplica(_ body: (inout Replica) throws(ReplicaError) -> ChangeBatch) throws(ReplicaError) {
        let batch = try body(&replica)
        emit(.replicaChanged(batch))
    }

    /// Replaces the replica (another schema), reporting every old row as deleted.
    mutating func replaceReplica(with new: Replica) {
        var changes = ReplicaChanges(replica)
        changes.clear()
        let batch = changes.commit(to: &replica)
        replica = new
        if !batch.isEmpty { emit(.replicaChanged(batch)) }
    }

    /// Closes the connection the machine no longer trusts and retries.
    mutating func abandon(_ reason: String) {
        emit(.close)
        retry(reason)
    }

    /// The update could not be applied: forget the transaction id, so the next connection
    /// fetches everything, and reconnect (OVS's `ovsdb_cs_flag_inconsistency`).
    mutating func inconsistent(_ error: ReplicaError) {
        logger.warning("replica inconsistent with \(remote): \(error)")
        replica.lastTransactionID = .zero
        emit(.replicaChanged(ChangeBatch()))
        abandon("inconsistent update: \(error)")
    }

    // MARK: Connection lifecycle

    private mutating func beginConnecting() {
        phase = .connecting
        emit(.stateChanged(.connecting(remote)))
        emit(.connect(remote))
    }

    /// Ends the current connection (already closed or being closed) and waits before the
    /// next attempt, on the next remote.
    private mutating func retry(_ reason: String) {
        logger.info("\(reason)")
        failOutstanding(with: .disconnected)
        phase = .waiting
        remoteIndex = (remoteIndex + 1) % configuration.remotes.count
        let delay = backoff.nextDelay(random: randomFraction())
        emit(.stateChanged(.waiting(retryAfter: delay, reason: reason)))
        emit(.scheduleRetry(delay))
    }

    private mutating func failOutstanding(with error: SyncClientError) {
        for kind in pending.values {
            if case .transact(let token) = kind { emit(.completeTransaction(token: token, .failure(error))) }
        }
        pending = [:]
        exchange = nil
        serverReplica = nil
    }

    private mutating func handleResponse(id: JSON, _ result: Result<JSON, ErrorReply>) {
        guard let number = id.integerValue, let kind = pending.removeValue(forKey: number) else {
            logger.debug("ignoring a reply to unknown request \(id)")
            return
        }
        switch kind {
        case .serverSchema: handleServerSchemaReply(result)
        case .serverMonitor: handleServerMonitorReply(result)
        case .dataSchema: handleDataSchemaReply(result)
        case .digest: handleDigestReply(result)
        case .monitor(let method): handleMonitorReply(method, result)
        case .conditionChange: handleConditionChangeReply(result)
        case .transact(let token): handleTransactReply(token: token, result)
        case .dbChangeAware: break
        }
    }

    /// Entering the monitoring state with `method` after the replica was brought up to
    /// date: conditions in force, backoff reset, the server told we handle database
    /// changes, pending condition changes sent.
    mutating func enterMonitoring(_ method: ResyncMethod) {
        phase = .monitoring(method)
        replica.isPrimed = true
        backoff.succeeded()
        if method == .monitor {
            conditions.acknowledgeAllWithoutServer()
        } else {
            conditions.monitorAcknowledged()
        }
        completeConditionWaiters()
        emit(.stateChanged(.monitoring(SyncInfo(remote: remote, method: method))))
        if serverReplica != nil { send("set_db_change_aware", [true], as: .dbChangeAware) }
        sendConditionChangeIfNeeded()
    }
}

/// The `error` member of an error reply, as the failure of a request's result.
struct ErrorReply: Error, Sendable {
    /// What the server sent: an OVSDB error object or a string such as "unknown method".
    let error: JSON
}
