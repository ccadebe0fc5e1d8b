import ArgumentParser
import BenchmarkSupport
import Foundation
import NIOCore
import NIOPosix
import OVSDB

/// `digestsync-bench server`: serves one generated OVN_Southbound database with each
/// server under test (Debian's `ovsdb-server`, `digestsync serve`) and
/// measures, per number of clients: the wall time and server CPU seconds for every
/// client to receive the initial dump of every table at once, transactions per second
/// from 1 and from 10 clients, and the server's peak memory. Servers are measured one
/// after the other, each on a fresh copy of the same database file; the first server
/// of `--servers` is the baseline of the ratios printed for the others.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Initial dump to N clients, transactions per second and peak memory of OVSDB servers (use a release build).")

    @Option(help: "Logical_Flow rows in the generated OVN_Southbound database.")
    var lflows = 100_000
    @Option(help: "Clients receiving the initial dump; one run per value (ovsdb-server queues a whole dump per client: 200 clients at 100,000 flows take about 13 GB).")
    var clients = IntList([1, 50, 200])
    @Option(help: "Transactions sent in each transaction measurement (from 1, then from 10 clients).")
    var txnCount = 1000
    @Option(help: "Servers to measure, comma-separated: ovsdb-server, digestsync. The first is the baseline of the ratios.")
    var servers = "ovsdb-server"
    @Option(help: "The digestsync executable, run as `digestsync serve DB --remote REMOTE` (default: the `digestsync` next to this program).")
    var digestsync: String?
    @Option(help: "The ovsdb-server executable (default: the installed one).")
    var ovsdbServer: String?
    @Option(help: "How clients connect: unix or tcp.")
    var transport = "unix"
    @Option(help: "How clients ask for the dump: monitor_cond or monitor_cond_since (from the zero id, as OVS clients connect).")
    var monitorMethod = "monitor_cond_since"
    @Option(help: "VM ports per logical switch.")
    var portsPerSwitch = 10
    @Option(help: "Chassis (default: one per 50 VM ports).")
    var chassis: Int?
    @Option(help: "Seed of the generated database.")
    var seed: UInt64 = 1
    @Flag(help: "Keep the scratch directory (database files, server logs) and print its path.")
    var keep = false
    @Flag(help: "JSON lines instead of a table.")
    var json = false

    static let serverNames = ["ovsdb-server", "digestsync"]

    private var serverList: [String] {
        servers.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func validate() throws {
        guard lflows > 0, txnCount > 0, portsPerSwitch > 0, (chassis ?? 1) > 0 else {
            throw ValidationError("--lflows, --txn-count, --ports-per-switch and --chassis must be positive")
        }
        guard !serverList.isEmpty, serverList.allSatisfy(Self.serverNames.contains), Set(serverList).count == serverList.count else {
            throw ValidationError("--servers takes distinct names among: \(Self.serverNames.joined(separator: ", "))")
        }
        if serverList.contains("digestsync") {
            guard let path = digestsyncPath else {
                throw ValidationError("--servers digestsync needs --digestsync PATH (a digestsync executable with `serve`)")
            }
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw ValidationError("--digestsync \(path): no executable file there (build the `digestsync` product, or give its path)")
            }
        }
        guard ServerProcess.Transport(rawValue: transport) != nil else { throw ValidationError("--transport is unix or tcp") }
        guard MonitorMethod(name: monitorMethod) != nil else {
            throw ValidationError("--monitor-method is monitor_cond or monitor_cond_since")
        }
    }

    /// `--digestsync`, or the `digestsync` built next to this program (same build
    /// directory), which is what `swift build` and `make bench-smoke` produce.
    private var digestsyncPath: String? {
        if let digestsync { return digestsync }
        guard let bench = Bundle.main.executableURL else { return nil }
        return bench.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("digestsync").path
    }

    func run() async throws {
        let installation = try OVSInstallation.find()
        let specs = try serverList.map { name -> ServerSpec in
            name == "digestsync" ? .digestsync(executable: digestsyncPath ?? "")
                : .ovsdbServer(executable: try ovsdbServer ?? OVSInstallation.program("ovsdb-server"))
        }
        let schema = try DatabaseSchema(json: JSON(parsing: Array(
            Data(contentsOf: URL(fileURLWithPath: installation.southboundSchema)))))
        let scratch = try ScratchDirectory(prefix: "digestsync-bench-server")
        scratch.keep = keep
        let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        do {
            try await measure(specs, schema: schema, installation: installation, directory: scratch.path, group: group)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        try await group.shutdownGracefully()
        if keep { note("files kept in \(scratch.path)") }
    }

    /// Prepares the database, then runs every server for every number of clients and
    /// prints a line per run.
    private func measure(_ specs: [ServerSpec], schema: DatabaseSchema, installation: OVSInstallation, directory: String,
                         group: MultiThreadedEventLoopGroup) async throws {
        let (database, file, fileBytes) = try await prepareDatabase(installation: installation, directory: directory,
                                                                    group: group)
        guard let router = database.datapaths(logicalRouter: true).first else {
            throw ValidationError("the generated database has no logical router")
        }
        var printer = ResultPrinter(json: json, total: clients.values.count * specs.count)
        for count in clients.values {
            var baseline: ServerBenchmark.Run?
            for spec in specs {
                note("\(spec.name), \(count) clients...")
                let settings = ServerBenchmark.Settings(
                    clients: count, transactions: txnCount, database: SouthboundDatabase.name, schema: schema,
                    method: MonitorMethod(name: monitorMethod) ?? .monitorCond, routerDatapath: router.uuid,
                    transport: ServerProcess.Transport(rawValue: transport) ?? .unix)
                let run = try await ServerBenchmark.run(spec, databaseFile: file, directory: "\(directory)/\(spec.name)-\(count)",
                                                        settings: settings, group: group)
                var line = resultLine(run, rows: database.totalRows, fileBytes: fileBytes)
                if let baseline {
                    for (name, value) in run.ratios(against: baseline) { line.add(name, value) }
                } else {
                    baseline = run
                }
                printer.emit(line)
            }
        }
        printer.finish()
    }

    /// Generates the database and loads it into a standalone file; returns the model,
    /// the file and its size.
    private func prepareDatabase(installation: OVSInstallation, directory: String,
                                 group: MultiThreadedEventLoopGroup) async throws -> (SouthboundDatabase, String, Int) {
        let started = ContinuousClock.now
        let sizes = SouthboundSizes(logicalFlows: lflows, portsPerSwitch: portsPerSwitch, chassis: chassis)
        let database = try SouthboundWorkload(sizes: sizes, seed: seed).generate()
        note("generated \(database.totalRows) rows in \(format(ContinuousClock.now - started)) s: "
            + database.rowCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        let file = "\(directory)/sb.db"
        let report = try await DatabaseFiles.createStandalone(
            at: file, schema: installation.southboundSchema, database: SouthboundDatabase.name,
            transactions: database.loadTransactions(), installation: installation, group: group)
        note("loaded \(report.operations) rows in \(report.transactions) transactions through ovsdb-server and compacted "
            + "in \(format(report.elapsed)) s: \(report.fileBytes) bytes")
        return (database, file, report.fileBytes)
    }

    private func resultLine(_ run: ServerBenchmark.Run, rows: Int, fileBytes: Int) -> JSONLine {
        var line = JSONLine()
        line.add("server", run.server)
        line.add("clients", run.dump.clients)
        line.add("lflows", lflows)
        line.add("rows", rows)
        line.add("db_bytes", fileBytes)
        line.add("dump_wall_s", run.dump.wallTime.seconds)
        line.add("dump_server_cpu_s", run.dump.serverCPUSeconds)
        line.add("bytes_per_client", run.dump.bytesPerClient.upperBound)
        line.add("frames", run.dump.framesPerClient)
        line.add("txn_per_s_1", run.transactionsFromOne.perSecond)
        line.add("txn_per_s_10", run.transactionsFromTen.perSecond)
        line.add("txn_per_s", run.transactionsFromTen.perSecond)
        line.add("txn_server_cpu_us_1", run.transactionsFromOne.serverMicrosecondsEach)
        line.add("txn_server_cpu_us_10", run.transactionsFromTen.serverMicrosecondsEach)
        line.add("rss_mb", Double(run.peakResidentBytes) / Double(1 << 20))
        if run.dump.bytesPerClient.count > 1 {
            note("\(run.server): clients received different dumps (\(run.dump.bytesPerClient) bytes)")
        }
        return line
    }

    private func format(_ duration: Duration) -> String {
        String(format: "%.1f", duration.seconds)
    }

    /// A status line on standard error, clearing any progress bar on a terminal.
    private func note(_ text: String) {
        let clear = isatty(STDERR_FILENO) != 0 ? "\r\u{1b}[K" : ""
        FileHandle.standardError.write(Data("\(clear)\(text)\n".utf8))
    }
}
