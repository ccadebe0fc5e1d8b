import ArgumentParser
import BenchmarkSupport
import Foundation
import NIOCore
import NIOPosix
import OVSDB

/// `digestsync-bench resync`: clients resynchronising after a server restart, by each
/// strategy of ``ResyncStrategy`` side by side. For every change fraction and strategy
/// (``ResyncRun``) a fresh server serves the generated OVN_Southbound database; the
/// clients sync and go away, the fraction of rows changes through the server, the
/// server restarts, and all clients resynchronise at once: bytes each way, round trips,
/// wall time and server CPU, against the differing rows and the baselines of the same
/// run, and the targets of issue 5 (``ResyncTargets``). `--demo` is `make demo`.
struct ResyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resync",
        abstract: "Clients resynchronising after a server restart: digest vs full fetch vs ovsdb-server (use a release build).")

    @Option(help: "Logical_Flow rows in the generated OVN_Southbound database (80,000: about 100,000 rows).")
    var lflows = 80_000
    @Option(help: "Clients resynchronising at once.")
    var clients = 10
    @Option(help: "Real SyncClients per measurement that resync from their replica files and are checked against a full fetch (at most --clients).")
    var verifiers = 5
    @Option(help: "Shares of the rows changed while the clients are away, comma-separated (half modified, a quarter inserted, a quarter deleted).")
    var changeFraction = FractionList([0, 0.01, 0.3])
    @Option(help: "Strategies, comma-separated: \(ResyncStrategy.allCases.map(\.rawValue).joined(separator: ", ")).")
    var strategies = ChoiceList(ResyncStrategy.allCases)
    @Option(help: "The digestsync executable (default: the one next to this program).")
    var digestsync: String?
    @Option(help: "VM ports per logical switch.")
    var portsPerSwitch = 10
    @Option(help: "Chassis (default: one per 50 VM ports).")
    var chassis: Int?
    @Option(help: "Seed of the generated database and of the changes.")
    var seed: UInt64 = 1
    @Option(help: "Longest wait for any one step, in seconds.")
    var timeout = 900
    @Option(help: "Also write a plot of bytes down and server CPU against the change fraction to this SVG file.")
    var svg: String?
    @Flag(help: "The demo of `make demo`: 20,000 flows, 3 real clients, 1% changed, digest against a full fetch.")
    var demo = false
    @Flag(help: "Keep the scratch directory (database files, server logs) and print its path.")
    var keep = false
    @Flag(help: "JSON lines instead of a table.")
    var json = false

    private var fractions: [Double] { demo ? [0.01] : changeFraction.values }
    private var strategyList: [ResyncStrategy] { demo ? [.digest, .full] : strategies.values }

    private var flows: Int { demo ? 20_000 : lflows }
    private var clientCount: Int { demo ? 3 : clients }
    private var verifierCount: Int { min(demo ? 3 : verifiers, clientCount) }

    func validate() throws {
        guard lflows > 0, clients > 0, verifiers > 0, portsPerSwitch > 0, (chassis ?? 1) > 0, timeout > 0 else {
            throw ValidationError("--lflows, --clients, --verifiers, --ports-per-switch, --chassis and --timeout must be positive")
        }
    }

    /// `digestsync` next to this program, or `--digestsync`.
    private func digestsyncPath() throws -> String {
        let path = digestsync ?? Bundle.main.executableURL?.deletingLastPathComponent()
            .appendingPathComponent("digestsync").path ?? "digestsync"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw ValidationError("no digestsync executable at \(path) (build it, or pass --digestsync PATH)")
        }
        return path
    }

    func run() async throws {
        let installation = try OVSInstallation.find()
        let server = try strategyList.contains(where: \.usesDigestSync) ? digestsyncPath() : ""
        let schema = try DatabaseSchema(json: JSON(parsing: Array(
            Data(contentsOf: URL(fileURLWithPath: installation.southboundSchema)))))
        let scratch = try ScratchDirectory(prefix: "digestsync-bench-resync")
        scratch.keep = keep
        let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        do {
            try await measure(installation: installation, digestsync: server, schema: schema, directory: scratch.path,
                              group: group)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        try await group.shutdownGracefully()
        if keep { FileHandle.standardError.write(Data("files kept in \(scratch.path)\n".utf8)) }
    }

    private func measure(installation: OVSInstallation, digestsync: String, schema: DatabaseSchema, directory: String,
                         group: MultiThreadedEventLoopGroup) async throws {
        var progress = ProgressReporter(total: fractions.count * strategyList.count)
        progress.show("generating and loading \(flows) logical flows")
        let database = try SouthboundWorkload(sizes: SouthboundSizes(logicalFlows: flows, portsPerSwitch: portsPerSwitch,
                                                                     chassis: chassis), seed: seed).generate()
        let file = "\(directory)/sb.db"
        let load = try await DatabaseFiles.createStandalone(
            at: file, schema: installation.southboundSchema, database: SouthboundDatabase.name,
            transactions: database.loadTransactions(), installation: installation, group: group)
        progress.note("\(database.totalRows) rows, \(load.fileBytes) bytes on disk")
        let run = ResyncRun(database: database, databaseFile: file, schema: schema, installation: installation,
                            digestsync: digestsync, clients: clientCount, verifiers: verifierCount, seed: seed, group: group,
                            timeout: .seconds(timeout))
        var report = ResyncReport(lflows: flows, rows: database.totalRows)
        for fraction in fractions {
            let first = report.results.count
            for strategy in strategyList {
                let label = "\(strategy.rawValue), F=\(fraction)"
                let outcome = try await run.measure(strategy, fraction: fraction,
                                                    directory: "\(directory)/\(strategy.rawValue)-\(fraction)") {
                    progress.show("\(label): \($0)")
                }
                report.results.append(outcome.result)
                report.verified.append(outcome.verified)
                progress.advance()
            }
            if json {
                for index in first..<report.results.count { print(report.line(index).text) }
                fflush(nil)  // all output streams: the lines so far reach a file even if a later run fails
            }
        }
        progress.finish()
        if json {
            for line in report.targetJSONLines { print(line.text) }
        } else if demo {
            report.demoSummary.forEach { print($0) }
        } else {
            print(report.table)
            print("")
            report.targetLines.forEach { print($0) }
        }
        if let svg { try report.svg.write(toFile: svg, atomically: true, encoding: .utf8) }
    }
}
