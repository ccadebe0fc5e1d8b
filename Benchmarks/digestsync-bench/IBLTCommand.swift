import ArgumentParser
import IBLT

/// `digestsync-bench iblt`: the decode success rate of a fixed-size IBF as a function of
/// cells per difference and `k` (Eppstein et al. 2011, section 2.2 and figure 3).
///
/// A trial inserts the `d` differing keys straight into one filter, half with count +1
/// and half with -1: exactly the filter `A - B` of two sets differing in those keys,
/// since common keys cancel cell by cell. A trial succeeds when peeling completes and
/// lists exactly the inserted keys on the right sides.
struct IBLTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iblt", abstract: "Decode success rate vs cells per difference, per k.")

    @Option(help: "Set differences to measure.")
    var d = IntList([10, 100, 1000, 10000])
    @Option(help: "Cells per difference START:END:STEP (END included); cells = round(ratio * d).")
    var ratio = RatioRange(argument: "1.2:4.0:0.05")!
    @Option(help: "Numbers of hash functions.")
    var k = IntList([3, 4, 5, 6, 7, 8])
    @Option(help: "Trials per point.")
    var trials = 1000
    @Option(help: "Experiment seed: the same seed measures the same inputs.")
    var seed: UInt64 = 2011
    @Flag(help: "One JSON object per line instead of a table.")
    var json = false

    func run() throws {
        let points = plan()
        var printer = ResultPrinter(json: json, total: points.count)
        for point in points {
            printer.emit(measure(point))
        }
        printer.finish()
    }

    /// The (d, k, cells) points, skipping ratios that round to a cell count already measured.
    private func plan() -> [(d: Int, k: Int, cells: Int)] {
        var points: [(d: Int, k: Int, cells: Int)] = []
        for difference in d.values {
            for hashCount in k.values {
                var seen = Set<Int>()
                for value in ratio.values {
                    let cells = max(hashCount, Int((value * Double(difference)).rounded()))
                    if seen.insert(cells).inserted { points.append((difference, hashCount, cells)) }
                }
            }
        }
        return points
    }

    private func measure(_ point: (d: Int, k: Int, cells: Int)) -> JSONLine {
        var successes = 0
        var wrongAnswers = 0
        for trial in 0..<trials {
            var generator = KeyGenerator.forTrial(trial, point: [point.d, point.k, point.cells], experiment: seed)
            let sets = DifferingSets(common: 0, difference: point.d, generator: &generator)
            guard var filter = try? InvertibleBloomFilter(cellCount: point.cells, hashCount: point.k,
                                                          seed: generator.next()) else { continue }
            filter.insert(contentsOf: sets.leftOnly)
            filter.remove(contentsOf: sets.rightOnly)
            let result = filter.decode()
            if result.isComplete {
                if sets.matches(leftOnly: result.leftOnly, rightOnly: result.rightOnly) {
                    successes += 1
                } else {
                    wrongAnswers += 1
                }
            }
        }
        var line = JSONLine()
        line.add("d", point.d)
        line.add("k", point.k)
        line.add("cells", point.cells)
        line.add("ratio", Double(point.cells) / Double(point.d))
        line.add("trials", trials)
        line.add("success_rate", Double(successes) / Double(trials))
        line.add("wrong_answers", wrongAnswers)
        return line
    }
}
