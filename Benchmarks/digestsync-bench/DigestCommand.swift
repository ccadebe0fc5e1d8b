import ArgumentParser
import BenchmarkSupport
import Digest
import IBLT
import OVSDB

/// `digestsync-bench digest`: the Digest module on OVN_Southbound Logical_Flow rows from
/// `SouthboundSnapshot`. First its speed: hashing rows into keys (against serializing the
/// same rows as update2 JSON, measured in the same run), building a view's digest,
/// reading its commitment. Then whole exchanges (`ResyncSimulation`) after a share of the
/// rows changed, in both modes, against a full fetch (`monitor_cond_since` found=false)
/// of the same view: bytes each way, round trips and server time, with the ratios issue 5
/// sets targets for.
struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest", abstract: "Row keys, view digests and whole resync exchanges (use a release build).")

    @Option(help: "Logical switches in the generated snapshot (200: about 17,600 Logical_Flow rows).")
    var switches = 200
    @Option(help: "Shares of the rows modified before each exchange, comma-separated.")
    var changed = "0,0.001,0.01,0.3"
    @Option(help: "Repetitions of each speed measurement; the median is reported.")
    var repeats = 5
    @Option(help: "Experiment seed.")
    var seed: UInt64 = 3
    @Flag(help: "JSON lines instead of tables.")
    var json = false

    func validate() throws {
        guard switches > 0, repeats > 0, !fractions.isEmpty, fractions.allSatisfy({ (0...1).contains($0) }) else {
            throw ValidationError("need switches > 0, repeats > 0 and shares in 0...1")
        }
    }

    private var fractions: [Double] {
        changed.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
    }

    func run() throws {
        let base = try ResyncSimulation(switches: switches, seed: seed)
        try measureSpeed(base)
        var random = SplitMix64(seed: seed)
        let full = base.fullFetch()
        var printer = ResultPrinter(json: json, total: fractions.count * ResyncMode.allCases.count)
        for fraction in fractions {
            var simulation = base
            simulation.modify(count: Int((Double(base.replica.count) * fraction).rounded()), using: &random)
            let differing = simulation.differingRows
            let differingBytes = differing.isEmpty ? 0 : simulation.updates(differing).serialized().count
            let planner = ResyncPlanner(averageRowBytes: full.bytes / max(1, base.replica.count))
            for mode in ResyncMode.allCases {
                let result = try simulation.exchange(mode: mode, planner: planner, seed: random.next())
                var line = JSONLine()
                line.add("rows", base.replica.count)
                line.add("changed", fraction)
                line.add("mode", mode.rawValue)
                line.add("outcome", result.outcome)
                line.add("round_trips", result.roundTrips)
                line.add("up_bytes", result.upBytes)
                line.add("down_bytes", result.downBytes)
                line.add("differing_rows_bytes", differingBytes)
                line.add("full_bytes", full.bytes)
                line.add("down_vs_rows", differingBytes > 0 ? Double(result.downBytes) / Double(differingBytes) : .nan)
                line.add("up_vs_rows", differingBytes > 0 ? Double(result.upBytes) / Double(differingBytes) : .nan)
                line.add("down_vs_full", Double(result.downBytes) / Double(full.bytes))
                line.add("server_ms", result.serverSeconds * 1000)
                line.add("full_server_ms", full.seconds * 1000)
                line.add("cpu_vs_full", result.serverSeconds / full.seconds)
                printer.emit(line)
            }
        }
        printer.finish()
    }

    /// Keys per row against update2 serialization per row, the view digest's build, and
    /// commitment reads.
    private func measureSpeed(_ simulation: ResyncSimulation) throws {
        let rows = Array(simulation.replica.values)
        let columns = simulation.view.columns
        var encoder = simulation.view.makeEncoder()
        var sink: UInt64 = 0
        let hashing = median {
            nanoseconds(ContinuousClock().measure {
                for row in rows { sink ^= encoder.key(uuid: row.uuid, row: row).low }
            }) / Double(rows.count)
        }
        var output: [UInt8] = []
        let serializing = median {
            nanoseconds(ContinuousClock().measure {
                for row in rows {
                    output.removeAll(keepingCapacity: true)
                    row.appendJSON(table: simulation.table, columns: columns, omittingDefaults: true, to: &output)
                }
            }) / Double(rows.count)
        }
        var digest = TableDigest(view: simulation.view, rows: rows)
        let build = median {
            nanoseconds(ContinuousClock().measure { digest = TableDigest(view: simulation.view, rows: rows) }) / 1e6
        }
        _ = digest.root
        let unchanged = median { nanoseconds(ContinuousClock().measure { sink ^= UInt64(digest.root.bytes[0]) }) }
        let row = rows[0]
        var changed = row
        let actions = simulation.table.columnIndex(named: "actions") ?? 2
        let oneRow = median {
            changed[actions] = Datum(.string("next; /* \(sink) */"))
            return nanoseconds(ContinuousClock().measure {
                digest.apply(uuid: row.uuid, old: row, new: changed)
                sink ^= UInt64(digest.root.bytes[0])
            })
        }
        precondition(sink != 1 || output.count != 1, "keeps the measured loops alive")
        var line = JSONLine()
        line.add("rows", rows.count)
        line.add("key_ns_per_row", hashing)
        line.add("update2_json_ns_per_row", serializing)
        line.add("key_vs_json", hashing / serializing)
        line.add("view_build_ms", build)
        line.add("unchanged_commitment_ns", unchanged)
        line.add("one_row_change_and_commitment_ns", oneRow)
        var printer = ResultPrinter(json: json, total: 1)
        printer.emit(line)
        printer.finish()
    }

    private func median(_ measure: () -> Double) -> Double {
        quantile((0..<repeats).map { _ in measure() }, 0.5)
    }
}
