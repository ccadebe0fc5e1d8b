import ArgumentParser
import IBLT

/// `digestsync-bench rateless`: how many coded symbols the rateless decoder needs per
/// differing key (Yang, Gilad, Alizadeh 2024, section 7, figure of overhead vs d).
///
/// A trial encodes only the `d` differing keys (common keys cancel in every symbol, as
/// in `iblt`), half on each side, and feeds their difference symbols to the decoder one
/// at a time until it reports completion; the count is the symbols consumed.
struct RatelessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rateless", abstract: "Coded symbols needed per differing key.")

    @Option(help: "Set differences to measure.")
    var d = IntList([1, 10, 100, 1000, 100_000])
    @Option(help: "Trials per difference.")
    var trials = 100
    @Option(help: "Experiment seed: the same seed measures the same inputs.")
    var seed: UInt64 = 2024
    @Flag(help: "One JSON object per line instead of a table.")
    var json = false

    func run() throws {
        var printer = ResultPrinter(json: json, total: d.values.count)
        for difference in d.values {
            var overheads: [Double] = []
            var wrongAnswers = 0
            for trial in 0..<trials {
                var generator = KeyGenerator.forTrial(trial, point: [difference], experiment: seed)
                let sets = DifferingSets(common: 0, difference: difference, generator: &generator)
                let (symbols, result) = Self.decode(sets, seed: generator.next())
                if !sets.matches(leftOnly: result.leftOnly, rightOnly: result.rightOnly) { wrongAnswers += 1 }
                overheads.append(Double(symbols) / Double(difference))
            }
            var line = JSONLine()
            line.add("d", difference)
            line.add("trials", trials)
            line.add("mean_symbols_per_diff", overheads.reduce(0, +) / Double(overheads.count))
            line.add("p99_symbols_per_diff", quantile(overheads, 0.99))
            line.add("wrong_answers", wrongAnswers)
            printer.emit(line)
        }
        printer.finish()
    }

    /// Streams the difference symbols of `sets` into a decoder one symbol at a time;
    /// returns the symbols consumed when it completed, and its result.
    static func decode(_ sets: DifferingSets, seed: UInt64) -> (symbols: Int, result: DecodeResult) {
        let left = RatelessEncoder(keys: sets.leftOnly, seed: seed)
        let right = RatelessEncoder(keys: sets.rightOnly, seed: seed)
        var decoder = RatelessDecoder(seed: seed)
        var chunk = max(16, sets.leftOnly.count + sets.rightOnly.count)
        while !decoder.isComplete {
            let range = decoder.symbolCount..<(decoder.symbolCount + chunk)
            let difference = zip(left.symbols(in: range), right.symbols(in: range)).map { $0 - $1 }
            for symbol in difference where !decoder.isComplete {
                decoder.consume(difference: [symbol])
            }
            chunk *= 2
        }
        return (decoder.symbolCount, decoder.result)
    }
}
