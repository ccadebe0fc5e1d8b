import ArgumentParser
import BenchmarkSupport

/// `digestsync-bench json`: the OVSDB module's JSON parser and serializer against
/// Foundation's `JSONSerialization`, on the same bytes: a deterministic OVN_Southbound
/// snapshot (`SouthboundSnapshot`), timed in this process, best of `--rounds` rounds.
struct JSONCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "json", abstract: "JSON parse and serialize speed against JSONSerialization (use a release build).")

    @Option(help: "Logical switches in the generated OVN_Southbound snapshot (200: about 7.6 MB).")
    var switches = 200
    @Option(help: "Ports per logical switch.")
    var portsPerSwitch = 12
    @Option(help: "Rounds; the fastest of each side counts.")
    var rounds = 5
    @Flag(help: "One JSON object instead of a table.")
    var json = false

    func validate() throws {
        guard switches > 0, portsPerSwitch > 0, rounds > 0 else {
            throw ValidationError("switches, ports per switch and rounds must be positive")
        }
    }

    func run() throws {
        let document = SouthboundSnapshot(switches: switches, portsPerSwitch: portsPerSwitch).generate()
        let report = try JSONBenchmark.run(document: document, rounds: rounds)
        var line = JSONLine()
        line.add("document_bytes", report.documentBytes)
        line.add("rounds", report.rounds)
        line.add("parse_ms", report.parse.ours.seconds * 1000)
        line.add("parse_foundation_ms", report.parse.foundation.seconds * 1000)
        line.add("parse_speedup", report.parse.speedup)
        line.add("serialize_ms", report.serialize.ours.seconds * 1000)
        line.add("serialize_foundation_ms", report.serialize.foundation.seconds * 1000)
        line.add("serialize_speedup", report.serialize.speedup)
        var printer = ResultPrinter(json: json, total: 1)
        printer.emit(line)
        printer.finish()
    }
}
