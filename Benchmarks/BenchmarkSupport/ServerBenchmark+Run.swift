import NIOCore
import OVSDB

extension ServerBenchmark {
    /// What one run of `digestsync-bench server` measures on one server for one number
    /// of clients.
    public struct Run: Sendable {
        /// The server's name (``ServerSpec/name``).
        public var server: String
        /// The initial dump to every client.
        public var dump: Dump
        /// Small transactions from one client.
        public var transactionsFromOne: Transactions
        /// Small transactions from ten clients.
        public var transactionsFromTen: Transactions
        /// The server's peak resident memory over the run (`VmHWM`).
        public var peakResidentBytes: Int

        /// A run with the given measurements.
        public init(server: String, dump: Dump, transactionsFromOne: Transactions, transactionsFromTen: Transactions,
                    peakResidentBytes: Int) {
            self.server = server
            self.dump = dump
            self.transactionsFromOne = transactionsFromOne
            self.transactionsFromTen = transactionsFromTen
            self.peakResidentBytes = peakResidentBytes
        }

        /// This run's figures divided by `baseline`'s (same clients, other server):
        /// server CPU and wall time of the dump, transactions per second from one and
        /// from ten clients (`txn_ratio_1`, `txn_ratio`), and peak memory. Below 1 is
        /// better for all but the transaction ratios.
        public func ratios(against baseline: Run) -> [(name: String, value: Double)] {
            [("dump_cpu_ratio", dump.serverCPUSeconds / baseline.dump.serverCPUSeconds),
             ("dump_wall_ratio", dump.wallTime / baseline.dump.wallTime),
             ("txn_ratio_1", transactionsFromOne.perSecond / baseline.transactionsFromOne.perSecond),
             ("txn_ratio", transactionsFromTen.perSecond / baseline.transactionsFromTen.perSecond),
             ("rss_ratio", Double(peakResidentBytes) / Double(baseline.peakResidentBytes))]
        }
    }

    /// What to measure in a ``run(_:databaseFile:directory:settings:group:)``.
    public struct Settings: Sendable {
        /// Clients receiving the dump.
        public var clients: Int
        /// Transactions per transaction measurement.
        public var transactions: Int
        /// The database's name.
        public var database: String
        /// Its schema (for the monitor requests).
        public var schema: DatabaseSchema
        /// How the clients ask for the dump.
        public var method: MonitorMethod
        /// The router datapath the transactions' MAC bindings point to.
        public var routerDatapath: OVSDBUUID
        /// How clients reach the server.
        public var transport: ServerProcess.Transport

        /// Settings with the given values.
        public init(clients: Int, transactions: Int, database: String, schema: DatabaseSchema, method: MonitorMethod,
                    routerDatapath: OVSDBUUID, transport: ServerProcess.Transport) {
            self.clients = clients
            self.transactions = transactions
            self.database = database
            self.schema = schema
            self.method = method
            self.routerDatapath = routerDatapath
            self.transport = transport
        }
    }

    /// Runs `spec` on a fresh copy of `databaseFile` in `directory`, measures the dump
    /// to `settings.clients` clients, then transactions from one and from ten clients,
    /// reads the server's peak memory, and stops it.
    public static func run(_ spec: ServerSpec, databaseFile: String, directory: String, settings: Settings,
                           group: EventLoopGroup) async throws -> Run {
        let server = try ServerProcess(spec: spec, databases: ["\(directory)/db"], directory: directory,
                                       transport: settings.transport)
        try DatabaseFiles.copy(databaseFile, to: "\(directory)/db")
        try await server.start()
        do {
            let dump = try await measureDump(server: server, clients: settings.clients, database: settings.database,
                                             schema: settings.schema, method: settings.method, group: group)
            var transactions: [Transactions] = []
            for clients in [1, 10] {
                transactions.append(try await measureTransactions(
                    server: server, clients: clients, count: settings.transactions, database: settings.database,
                    routerDatapath: settings.routerDatapath, group: group))
            }
            let peak = try server.statistics().peakResidentBytes
            await server.stop()
            return Run(server: spec.name, dump: dump, transactionsFromOne: transactions[0],
                       transactionsFromTen: transactions[1], peakResidentBytes: peak)
        } catch {
            await server.stop()
            throw error
        }
    }
}
