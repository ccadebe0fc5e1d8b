import ArgumentParser
import Foundation

/// `digestsync-bench report`: turns the JSON lines of an experiment into the markdown
/// tables and SVG plots of `Papers/`, with the papers' published figures beside ours.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Markdown tables and SVG plots from experiment JSON lines.")

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case iblt, rateless, estimator, speed
    }

    @Argument(help: "Which experiment wrote the input: iblt, rateless, estimator or speed.")
    var kind: Kind
    @Argument(help: "The JSON-lines file the experiment wrote.")
    var input: String
    @Option(help: "Write the markdown table here (standard output when absent).")
    var markdown: String?
    @Option(help: "Write SVG plots to PREFIX.svg (iblt: PREFIX-d<d>.svg, one per d).")
    var svg: String?

    func run() throws {
        let records = try Record.load(input)
        let report: (markdown: String, plots: [(suffix: String, plot: SVGPlot)])
        switch kind {
        case .iblt: report = PaperTables.iblt(records)
        case .rateless: report = PaperTables.rateless(records)
        case .estimator: report = PaperTables.estimator(records)
        case .speed: report = PaperTables.speed(records)
        }
        if let markdown {
            try report.markdown.write(toFile: markdown, atomically: true, encoding: .utf8)
        } else {
            print(report.markdown, terminator: "")
        }
        if let svg {
            for (suffix, plot) in report.plots {
                try plot.render().write(toFile: svg + suffix + ".svg", atomically: true, encoding: .utf8)
            }
        }
    }
}

/// One JSON line of an experiment's output.
struct Record {
    let fields: [String: Any]

    static func load(_ path: String) throws -> [Record] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw ValidationError("not a JSON object: \(line)")
            }
            return Record(fields: object)
        }
    }

    func double(_ name: String) -> Double { (fields[name] as? NSNumber)?.doubleValue ?? .nan }
    func int(_ name: String) -> Int { (fields[name] as? NSNumber)?.intValue ?? 0 }
}
