import Foundation

/// The markdown tables and plots of each experiment, with the published figures they
/// are compared against.
enum PaperTables {
    /// Best published IBF sizes for >= 99.5% decoding (the brute-force optimum used by
    /// Graphene; see ../shared/RECONCILIATION-NOTES.md): d -> (cells, k).
    static let publishedIBFSizes: [Int: (cells: Int, k: Int)] = [
        1: (3, 3), 5: (24, 6), 10: (32, 8), 20: (48, 6), 50: (90, 5),
        100: (156, 4), 200: (292, 4), 500: (696, 4), 1000: (1360, 4),
    ]
    /// Goodrich and Mitzenmacher's asymptotic peeling thresholds (cells per key).
    static let asymptoticThresholds: [Int: Double] = [3: 1.222, 4: 1.295, 5: 1.425]
    /// Yang, Gilad, Alizadeh 2024: mean coded symbols per difference they report.
    static let publishedRatelessOverhead: [Int: Double] = [1: 1.0, 10: 1.72, 1000: 1.37]

    static let target = 0.995

    /// Per d and k, the smallest measured cells/d from which every larger measured
    /// ratio decoded at least 99.5% of the trials; `nil` if none did.
    static func thresholds(_ records: [Record]) -> [Int: [Int: (ratio: Double, cells: Int, rate: Double)]] {
        var result: [Int: [Int: (ratio: Double, cells: Int, rate: Double)]] = [:]
        let byPoint = Dictionary(grouping: records) { [$0.int("d"), $0.int("k")] }
        for (point, rows) in byPoint {
            let sorted = rows.sorted { $0.int("cells") < $1.int("cells") }
            var best: Record?
            for row in sorted.reversed() {
                guard row.double("success_rate") >= target else { break }
                best = row
            }
            if let best {
                result[point[0], default: [:]][point[1]] =
                    (best.double("ratio"), best.int("cells"), best.double("success_rate"))
            }
        }
        return result
    }

    static func iblt(_ records: [Record]) -> (markdown: String, plots: [(suffix: String, plot: SVGPlot)]) {
        let table = thresholds(records)
        let ks = Set(records.map { $0.int("k") }).sorted()
        let ds = Set(records.map { $0.int("d") }).sorted()
        let trials = Set(records.map { $0.int("trials") }).sorted().map(String.init).joined(separator: ", ")
        var md = "Smallest cells/d from which every larger measured size decoded >= 99.5% of \(trials) trials "
            + "(cells in parentheses); '-' = not reached in the measured range.\n\n"
        md += "| d | " + ks.map { "k=\($0)" }.joined(separator: " | ") + " | best (ours) | published best | wrong answers |\n"
        md += "|---|" + ks.map { _ in "---|" }.joined() + "---|---|---|\n"
        for d in ds {
            let row = table[d] ?? [:]
            let cells = ks.map { k in row[k].map { "\(fmt($0.ratio)) (\($0.cells))" } ?? "-" }
            let best = row.min { $0.value.cells < $1.value.cells || ($0.value.cells == $1.value.cells && $0.key < $1.key) }
            let ours = best.map { "\(fmt($0.value.ratio)) (\($0.value.cells), k=\($0.key), \(pct($0.value.rate)))" } ?? "-"
            let published = publishedIBFSizes[d].map { "\(fmt(Double($0.cells) / Double(d))) (\($0.cells), k=\($0.k))" } ?? ""
            let wrong = records.filter { $0.int("d") == d }.reduce(0) { $0 + $1.int("wrong_answers") }
            md += "| \(d) | " + cells.joined(separator: " | ") + " | \(ours) | \(published) | \(wrong) |\n"
        }
        md += "\nAsymptotic thresholds (Goodrich and Mitzenmacher): "
            + asymptoticThresholds.sorted { $0.key < $1.key }.map { "k=\($0.key): \($0.value)" }.joined(separator: ", ") + ".\n"
        var plots: [(suffix: String, plot: SVGPlot)] = []
        for d in ds {
            for (suffix, range) in [("", 0.0...1.0), ("-zoom", 0.98...1.0)] {
                let zoom = suffix.isEmpty ? "" : " (98-100%; lower drawn at 98%)"
                var plot = SVGPlot(title: "IBF decode success vs cells/d, d = \(d)" + zoom,
                                   xLabel: "cells / d", yLabel: "success rate", yRange: range)
                for k in ks {
                    let points = records.filter { $0.int("d") == d && $0.int("k") == k }
                        .map { (x: $0.double("ratio"), y: $0.double("success_rate")) }.sorted { $0.x < $1.x }
                    if !points.isEmpty { plot.series.append(.init(name: "k = \(k)", points: points)) }
                }
                plot.referenceLines = [(target, "99.5%")]
                plots.append(("-d\(d)" + suffix, plot))
            }
        }
        return (md, plots)
    }

    static func rateless(_ records: [Record]) -> (markdown: String, plots: [(suffix: String, plot: SVGPlot)]) {
        var md = "| d | trials | mean symbols/diff | p99 symbols/diff | paper (mean) | wrong answers |\n|---|---|---|---|---|---|\n"
        for row in records.sorted(by: { $0.int("d") < $1.int("d") }) {
            let paper = publishedRatelessOverhead[row.int("d")].map { fmt($0) } ?? ""
            md += "| \(row.int("d")) | \(row.int("trials")) | \(fmt(row.double("mean_symbols_per_diff"))) | "
                + "\(fmt(row.double("p99_symbols_per_diff"))) | \(paper) | \(row.int("wrong_answers")) |\n"
        }
        var plot = SVGPlot(title: "Rateless IBLT overhead vs d", xLabel: "set difference d (log scale)",
                           yLabel: "coded symbols per difference", logX: true)
        let sorted = records.sorted { $0.int("d") < $1.int("d") }
        plot.series = [
            .init(name: "mean (ours)", points: sorted.map { ($0.double("d"), $0.double("mean_symbols_per_diff")) }),
            .init(name: "p99 (ours)", points: sorted.map { ($0.double("d"), $0.double("p99_symbols_per_diff")) }, dashed: true),
            .init(name: "paper (mean)", points: publishedRatelessOverhead.sorted { $0.key < $1.key }
                .map { (Double($0.key), $0.value) }, markersOnly: true),
        ]
        plot.referenceLines = [(1.35, "paper: converges to 1.35")]
        return (md, [("", plot)])
    }

    static func estimator(_ records: [Record]) -> (markdown: String, plots: [(suffix: String, plot: SVGPlot)]) {
        var md = "| d | n | trials | mean estimate/d | p1 | p5 | p95 | wire bytes | full-set check |\n"
            + "|---|---|---|---|---|---|---|---|---|\n"
        let sorted = records.sorted { ($0.int("n"), $0.int("d")) < ($1.int("n"), $1.int("d")) }
        for row in sorted {
            md += "| \(row.int("d")) | \(row.int("n")) | \(row.int("trials")) | \(fmt(row.double("mean_estimate_ratio"))) | "
                + "\(fmt(row.double("p1_ratio"))) | \(fmt(row.double("p5_ratio"))) | \(fmt(row.double("p95_ratio"))) | \(row.int("wire_bytes")) | "
                + "\((row.fields["full_set_check"] as? Bool) == true ? "identical" : "DIFFERS") |\n"
        }
        var plot = SVGPlot(title: "Strata estimator: estimate / true d", xLabel: "set difference d (log scale)",
                           yLabel: "estimate / d", logX: true, yRange: 0.6...1.3)
        let largestN = records.map { $0.int("n") }.max() ?? 0
        let rows = sorted.filter { $0.int("n") == largestN }
        plot.series = [
            .init(name: "mean", points: rows.map { ($0.double("d"), $0.double("mean_estimate_ratio")) }),
            .init(name: "p1", points: rows.map { ($0.double("d"), $0.double("p1_ratio")) }, dashed: true),
            .init(name: "p5", points: rows.map { ($0.double("d"), $0.double("p5_ratio")) }, dashed: true),
            .init(name: "p95", points: rows.map { ($0.double("d"), $0.double("p95_ratio")) }, dashed: true),
        ]
        plot.referenceLines = [(1, "exact")]
        return (md, [("", plot)])
    }

    static func speed(_ records: [Record]) -> (markdown: String, plots: [(suffix: String, plot: SVGPlot)]) {
        var md = "| measure | value | target |\n|---|---|---|\n"
        let targets = ["build_ns_per_key": "<= 30", "decode_ns_per_diff": "<= 500 (2,000,000 diffs/s)",
                       "rateless_encode_ns_per_key": "<= 150"]
        for row in records {
            for (name, value) in row.fields.sorted(by: { $0.key < $1.key }) {
                guard let number = value as? NSNumber else { continue }
                md += "| \(name) | \(fmt(number.doubleValue)) | \(targets[name] ?? "") |\n"
            }
        }
        return (md, [])
    }

    static func fmt(_ value: Double) -> String {
        value == value.rounded() && abs(value) >= 1 ? String(Int(value)) : String(format: "%.3f", value)
    }

    static func pct(_ value: Double) -> String { String(format: "%.2f%%", value * 100) }
}
