import BenchmarkSupport
import Foundation

/// The output of `digestsync-bench resync`: a line per measurement with its ratios to
/// the baselines measured in the same run, the targets' verdicts, the plot, and the
/// demo's summary.
struct ResyncReport {
    var results: [ResyncResult] = []
    /// How the real SyncClients of each measurement resynchronised, by index in `results`.
    var verified: [[String]] = []
    let lflows: Int
    let rows: Int

    /// The `--json` line of `result` (also the table's row): the figures, then ratios
    /// against the differing rows and against the `ovsdb-server-standalone` and `full`
    /// results of the same clients and fraction, when those were measured.
    func line(_ index: Int) -> JSONLine {
        let result = results[index]
        var line = JSONLine()
        line.add("strategy", result.strategy.rawValue)
        line.add("clients", result.clients)
        line.add("change_fraction", result.changeFraction)
        line.add("lflows", lflows)
        line.add("rows", rows)
        line.add("rows_differing", result.rowsDiffering)
        line.add("differing_rows_json_bytes", result.differingRowsJSONBytes)
        line.add("bytes_down_per_client", Int(result.bytesDownPerClient.rounded()))
        line.add("bytes_up_per_client", Int(result.bytesUpPerClient.rounded()))
        line.add("round_trips", result.roundTrips)
        line.add("wall_s", result.wallSeconds)
        line.add("server_cpu_s", result.serverCPUSeconds)
        line.add("down_vs_rows", ratio(result.bytesDownPerClient, Double(result.differingRowsJSONBytes)))
        line.add("up_vs_rows", ratio(result.bytesUpPerClient, Double(result.differingRowsJSONBytes)))
        let standalone = result.sibling(.ovsdbServerStandalone, in: results)
        line.add("cpu_vs_standalone", ratio(result.serverCPUSeconds, standalone?.serverCPUSeconds))
        let full = result.sibling(.full, in: results)
        line.add("down_vs_full", ratio(result.bytesDownPerClient, full?.bytesDownPerClient))
        line.add("up_vs_full", ratio(result.bytesUpPerClient, full?.bytesUpPerClient))
        line.add("cpu_vs_full", ratio(result.serverCPUSeconds, full?.serverCPUSeconds))
        line.add("outcome", result.outcome)
        line.add("sync_clients", ResyncRun.summary(verified[index]))
        return line
    }

    private func ratio(_ value: Double, _ base: Double?) -> Double {
        guard let base, base > 0 else { return .nan }
        return value / base
    }

    /// Every line as an aligned table.
    var table: String {
        let lines = results.indices.map(line)
        guard let first = lines.first else { return "" }
        return TextTable(header: first.fields.map(\.0), rows: lines.map(\.cells)).text
    }

    /// The targets' verdicts, one per line.
    var targetLines: [String] {
        ResyncTargets.evaluate(results).map { "\($0.passed ? "PASS" : "FAIL")  \($0.target): \($0.detail)" }
    }

    /// The targets' verdicts as JSON lines.
    var targetJSONLines: [JSONLine] {
        ResyncTargets.evaluate(results).map { check in
            var line = JSONLine()
            line.add("target", check.target)
            line.add("passed", check.passed)
            line.add("detail", check.detail)
            return line
        }
    }

    /// Bytes down per client (log scale) and server CPU against the change fraction,
    /// a series per strategy.
    var svg: String {
        var bytes = SVGPlot(title: "digestsync-bench resync: bytes down per client (\(rows) rows)",
                            xLabel: "share of rows changed", yLabel: "log10 bytes down per client")
        var cpu = SVGPlot(title: "digestsync-bench resync: server CPU, \(results.first?.clients ?? 0) clients",
                          xLabel: "share of rows changed", yLabel: "server CPU seconds")
        for strategy in ResyncStrategy.allCases {
            let points = results.filter { $0.strategy == strategy }.sorted { $0.changeFraction < $1.changeFraction }
            guard !points.isEmpty else { continue }
            let name = Self.legend(strategy)
            bytes.series.append(.init(name: name, points: points.map {
                (x: $0.changeFraction, y: log10(max($0.bytesDownPerClient, 1)))
            }))
            cpu.series.append(.init(name: name, points: points.map { (x: $0.changeFraction, y: $0.serverCPUSeconds) }))
        }
        return SVGPlot.stacked([bytes, cpu])
    }

    /// A strategy's name short enough for the plot's legend.
    private static func legend(_ strategy: ResyncStrategy) -> String {
        switch strategy {
        case .ovsdbServerStandalone: return "ovsdb standalone"
        case .ovsdbServerClusteredOneTransaction: return "ovsdb cluster 1 txn"
        case .ovsdbServerClusteredSpread: return "ovsdb cluster spread"
        default: return strategy.rawValue
        }
    }

    /// `make demo`'s account of a digest resync against a full fetch.
    var demoSummary: [String] {
        guard let digest = results.first(where: { $0.strategy == .digest }) else { return [] }
        var text = [
            "OVN_Southbound with \(rows) rows (\(lflows) logical flows); while \(digest.clients) clients were away, "
                + "\(digest.rowsDiffering) rows changed (\(digest.differingRowsJSONBytes) bytes as update2 JSON); "
                + "then the server restarted.",
            "digest resync, per client: \(Int(digest.bytesDownPerClient)) bytes down, \(Int(digest.bytesUpPerClient)) bytes up, "
                + "\(digest.roundTrips) round trips (\(digest.outcome)); server CPU \(format(digest.serverCPUSeconds)) s.",
        ]
        if let full = digest.sibling(.full, in: results) {
            text.append("full fetch, per client: \(Int(full.bytesDownPerClient)) bytes down, \(full.roundTrips) round trip; "
                + "server CPU \(format(full.serverCPUSeconds)) s.")
            text.append("digest / full: \(format(digest.bytesDownPerClient / full.bytesDownPerClient)) of the bytes down, "
                + "\(format(digest.serverCPUSeconds / max(full.serverCPUSeconds, 1e-9))) of the server CPU.")
        }
        if let index = results.firstIndex(where: { $0.strategy == .digest }) {
            text.append("real SyncClients: \(ResyncRun.summary(verified[index])); "
                + "each replica equals a fresh full fetch.")
        }
        return text
    }
}
