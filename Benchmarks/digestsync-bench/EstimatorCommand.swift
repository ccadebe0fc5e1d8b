import ArgumentParser
import IBLT

/// `digestsync-bench estimator`: accuracy and wire size of the strata estimator
/// (Eppstein et al. 2011, section 3 and figure 6).
///
/// Trials build the two estimators from the differing keys only (common keys cancel in
/// every cell); once per point, the same trial is repeated with both full sets of `n`
/// keys to check that the estimate is identical (`full_set_check`) and to measure the
/// wire size of an estimator of `n` keys.
struct EstimatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimator", abstract: "Strata estimator accuracy and wire size.")

    @Option(help: "Set differences to measure.")
    var d = IntList([10, 100, 1000, 10000])
    @Option(help: "Set sizes (keys on each side); n must be at least d.")
    var n = IntList([1_000_000])
    @Option(help: "Trials per point.")
    var trials = 200
    @Option(help: "Experiment seed: the same seed measures the same inputs.")
    var seed: UInt64 = 3
    @Flag(help: "One JSON object per line instead of a table.")
    var json = false

    func run() throws {
        let points = d.values.flatMap { difference in n.values.filter { $0 >= difference }.map { (difference, $0) } }
        var printer = ResultPrinter(json: json, total: points.count)
        for (difference, size) in points {
            var ratios: [Double] = []
            for trial in 0..<trials {
                var generator = KeyGenerator.forTrial(trial, point: [difference], experiment: seed)
                let sets = DifferingSets(common: 0, difference: difference, generator: &generator)
                let estimate = try Self.estimate(left: sets.leftOnly, right: sets.rightOnly, seed: generator.next())
                ratios.append(Double(estimate.value) / Double(difference))
            }
            let check = try fullSetCheck(difference: difference, size: size)
            var line = JSONLine()
            line.add("d", difference)
            line.add("n", size)
            line.add("trials", trials)
            line.add("mean_estimate_ratio", ratios.reduce(0, +) / Double(ratios.count))
            line.add("p1_ratio", quantile(ratios, 0.01))
            line.add("p5_ratio", quantile(ratios, 0.05))
            line.add("p95_ratio", quantile(ratios, 0.95))
            line.add("wire_bytes", check.wireBytes)
            line.add("full_set_check", check.identical)
            printer.emit(line)
        }
        printer.finish()
    }

    /// The estimate between two sets, and the larger of the two estimators' wire sizes.
    static func estimate(left: [Key128], right: [Key128], seed: UInt64) throws -> (value: Int, wireBytes: Int) {
        var mine = try StrataEstimator(seed: seed)
        mine.insert(contentsOf: left)
        var theirs = try StrataEstimator(seed: seed)
        theirs.insert(contentsOf: right)
        return (try mine.estimateDifference(with: theirs), max(mine.wireSize, theirs.wireSize))
    }

    /// Trial 0 again with `size - d/2` common keys added on both sides.
    private func fullSetCheck(difference: Int, size: Int) throws -> (identical: Bool, wireBytes: Int) {
        var generator = KeyGenerator.forTrial(0, point: [difference], experiment: seed)
        let differing = DifferingSets(common: 0, difference: difference, generator: &generator)
        let trialSeed = generator.next()
        var commonGenerator = KeyGenerator(seed: seed ^ 0xc0ff_ee00)
        let common = commonGenerator.keys(size - differing.leftOnly.count)
        let alone = try Self.estimate(left: differing.leftOnly, right: differing.rightOnly, seed: trialSeed)
        let full = try Self.estimate(left: common + differing.leftOnly, right: common + differing.rightOnly,
                                     seed: trialSeed)
        return (alone.value == full.value, full.wireBytes)
    }
}
