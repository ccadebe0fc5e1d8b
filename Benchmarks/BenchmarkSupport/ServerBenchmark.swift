import NIOCore
import OVSDB

/// The measurements of `digestsync-bench server`, on one running ``ServerProcess``:
/// the initial dump of every table to N clients at once, and small transactions from
/// one or several clients. Each client is a ``RawJSONRPCClient`` on a shared event
/// loop group.
public enum ServerBenchmark {
    /// N clients receiving the initial dump of every table at once.
    public struct Dump: Sendable {
        /// Clients.
        public var clients: Int
        /// From sending the first monitor request to receiving the last reply's last byte.
        public var wallTime: Duration
        /// The server's CPU time (user + system) over that span.
        public var serverCPUSeconds: Double
        /// Bytes each client received, least and most (equal when every client got the
        /// same dump).
        public var bytesPerClient: ClosedRange<Int>
        /// JSON-RPC frames each client received up to its reply, most.
        public var framesPerClient: Int

        /// A measurement with the given figures.
        public init(clients: Int, wallTime: Duration, serverCPUSeconds: Double, bytesPerClient: ClosedRange<Int>,
                    framesPerClient: Int) {
            self.clients = clients
            self.wallTime = wallTime
            self.serverCPUSeconds = serverCPUSeconds
            self.bytesPerClient = bytesPerClient
            self.framesPerClient = framesPerClient
        }
    }

    /// Small transactions from some clients, each sending one after the other.
    public struct Transactions: Sendable {
        /// Clients sending at the same time.
        public var clients: Int
        /// Transactions sent by all clients together.
        public var count: Int
        /// From the first request to the last reply.
        public var wallTime: Duration
        /// The server's CPU time (user + system) over that span.
        public var serverCPUSeconds: Double

        /// A measurement with the given figures.
        public init(clients: Int, count: Int, wallTime: Duration, serverCPUSeconds: Double = 0) {
            self.clients = clients
            self.count = count
            self.wallTime = wallTime
            self.serverCPUSeconds = serverCPUSeconds
        }

        /// Transactions per second.
        public var perSecond: Double { Double(count) / wallTime.seconds }

        /// The server's CPU microseconds per transaction: the server's own cost, which
        /// the clients' share of a small machine's cores does not blur.
        public var serverMicrosecondsEach: Double { serverCPUSeconds * 1e6 / Double(count) }
    }

    /// Connects `clients` clients to `server`, then has all of them monitor every table
    /// of `schema` (all columns, no condition: identical monitors) with `method` at the
    /// same time, and measures until every client has its reply. The server's CPU time
    /// is read just before the first request and just after the last reply. The
    /// clients are disconnected afterwards.
    public static func measureDump(server: ServerProcess, clients: Int, database: String, schema: DatabaseSchema,
                                   method: MonitorMethod, group: EventLoopGroup,
                                   timeout: Duration = .seconds(3600)) async throws -> Dump {
        let connections = try await connect(clients, to: server, group: group)
        let before = try server.statistics().cpuSeconds
        let started = ContinuousClock.now
        let replies = try await withThrowingTaskGroup(of: RawReply.self) { tasks in
            for client in connections {
                tasks.addTask {
                    try await client.monitorAll(database: database, schema: schema, method: method, timeout: timeout)
                }
            }
            return try await tasks.reduce(into: [RawReply]()) { $0.append($1) }
        }
        let wallTime = ContinuousClock.now - started
        let after = try server.statistics().cpuSeconds
        for client in connections { await client.close() }
        let bytes = replies.map(\.bytes)
        return Dump(clients: clients, wallTime: wallTime, serverCPUSeconds: after - before,
                    bytesPerClient: (bytes.min() ?? 0)...(bytes.max() ?? 0), framesPerClient: replies.map(\.frames).max() ?? 0)
    }

    /// Sends `count` small transactions to `server` from `clients` clients at once,
    /// each client sending its share one after the other (the next when the previous
    /// reply has come). Transactions alternately insert a MAC_Binding on
    /// `routerDatapath` (the server chooses its UUID) and delete it again, so the
    /// database ends as it began.
    public static func measureTransactions(server: ServerProcess, clients: Int, count: Int, database: String,
                                           routerDatapath: OVSDBUUID, group: EventLoopGroup) async throws -> Transactions {
        let connections = try await connect(clients, to: server, group: group)
        let before = try server.statistics().cpuSeconds
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            for (index, client) in connections.enumerated() {
                let share = count / clients + (index < count % clients ? 1 : 0)
                tasks.addTask {
                    var random = SplitMix64(seed: UInt64(index + 1))
                    var inserted: JSON = .null
                    for step in 0..<share {
                        if step % 2 == 0 {
                            let insert: JSON = [
                                "op": "insert", "table": "MAC_Binding",
                                "row": ["logical_port": .string("bench-\(clients)-\(index)"), "ip": .string("198.18.0.\(step % 250)"),
                                        "mac": .string(openStackMAC(random.next())), "timestamp": .integer(Int64(step)),
                                        "datapath": ["uuid", .string(routerDatapath.description)]]]
                            let reply = try await client.transact(database: database, operations: [insert], timeout: .seconds(60))
                            inserted = reply.result?[0]?["uuid"] ?? .null
                        } else {
                            let delete: JSON = ["op": "delete", "table": "MAC_Binding", "where": [["_uuid", "==", inserted]]]
                            try await client.transact(database: database, operations: [delete], timeout: .seconds(60))
                        }
                    }
                }
            }
            try await tasks.waitForAll()
        }
        let wallTime = ContinuousClock.now - started
        let after = try server.statistics().cpuSeconds
        for client in connections { await client.close() }
        return Transactions(clients: clients, count: count, wallTime: wallTime, serverCPUSeconds: after - before)
    }

    /// Connects one client after the other. A server that accepts slower than clients
    /// connect fills its listen backlog (a unix socket then refuses with `EAGAIN`), so
    /// a failed connection is retried for up to 30 s.
    private static func connect(_ count: Int, to server: ServerProcess,
                                group: EventLoopGroup) async throws -> [RawJSONRPCClient] {
        var clients: [RawJSONRPCClient] = []
        for _ in 0..<count {
            let deadline = ContinuousClock.now + .seconds(30)
            while true {
                do {
                    clients.append(try await RawJSONRPCClient.connect(to: server.clientRemote, group: group))
                    break
                } catch {
                    guard ContinuousClock.now < deadline else { throw error }
                    try await Task.sleep(for: .milliseconds(5))
                }
            }
        }
        return clients
    }
}
