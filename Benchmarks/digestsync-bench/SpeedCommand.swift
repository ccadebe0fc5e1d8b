import ArgumentParser
import IBLT

/// `digestsync-bench speed`: time per key and per difference of building, peeling and
/// rateless coding, in this process, on sets of `n` keys differing in `d`. Run it from a
/// release build. The baseline measured in the same run is `xxh3_ns_per_key`: one seeded
/// XXH3 of each key, the least any structure here can do per key.
struct SpeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speed", abstract: "Nanoseconds per key and per difference (use a release build).")

    @Option(help: "Keys in each set.")
    var n = 1_000_000
    @Option(help: "Keys in exactly one of the two sets.")
    var d = 1000
    @Option(help: "Repetitions of each measurement; the median is reported.")
    var repeats = 5
    @Option(help: "Experiment seed.")
    var seed: UInt64 = 7
    @Flag(help: "One JSON object instead of a table.")
    var json = false

    func validate() throws {
        guard n >= d, d > 0, repeats > 0 else { throw ValidationError("need n >= d > 0 and repeats > 0") }
    }

    func run() throws {
        var generator = KeyGenerator(seed: seed)
        let sets = DifferingSets(common: n - (d - d / 2), difference: d, generator: &generator)
        let left = sets.left
        let right = sets.right
        let exchangeSeed = generator.next()

        let hashing = median { () -> Double in
            var sink: UInt64 = 0
            let time = ContinuousClock().measure { for key in left { sink ^= key.hash(seed: exchangeSeed) } }
            precondition(sink != 1, "keeps the hashing loop alive")
            return nanoseconds(time) / Double(left.count)
        }
        let ibf = try measureIBF(left: left, right: right, sets: sets, seed: exchangeSeed)
        let rateless = try measureRateless(left: left, right: right, sets: sets, seed: exchangeSeed)

        var line = JSONLine()
        line.add("n", n)
        line.add("d", d)
        line.add("xxh3_ns_per_key", hashing)
        line.add("ibf_cells", ibf.cells)
        line.add("build_ns_per_key", ibf.build)
        line.add("decode_ns_per_diff", ibf.decode)
        line.add("rateless_symbols", rateless.symbols)
        line.add("rateless_encode_ns_per_key", rateless.encode)
        line.add("rateless_batched_encode_ns_per_key", rateless.batchedEncode)
        line.add("rateless_decode_ns_per_diff", rateless.decode)
        line.add("build_vs_xxh3", ibf.build / hashing)
        line.add("rateless_encode_vs_xxh3", rateless.encode / hashing)
        var printer = ResultPrinter(json: json, total: 1)
        printer.emit(line)
        printer.finish()
    }

    /// Building one IBF sized for `d` from `n` keys, and peeling the difference of two.
    private func measureIBF(left: [Key128], right: [Key128], sets: DifferingSets, seed: UInt64)
        throws -> (cells: Int, build: Double, decode: Double) {
        let size = IBLTSizing.recommended(forDifference: d)
        let empty = try InvertibleBloomFilter(cellCount: size.cellCount, hashCount: size.hashCount, seed: seed)
        var mine = empty
        let build = median { () -> Double in
            mine = empty
            return nanoseconds(ContinuousClock().measure { mine.insert(contentsOf: left) }) / Double(left.count)
        }
        var theirs = empty
        theirs.insert(contentsOf: right)
        let difference = try mine.subtracting(theirs)
        let rounds = max(1, 1_000_000 / d)
        var result = DecodeResult(leftOnly: [], rightOnly: [], isComplete: false)
        let decode = median { () -> Double in
            let time = ContinuousClock().measure { for _ in 0..<rounds { result = difference.decode() } }
            return nanoseconds(time) / Double(rounds * d)
        }
        guard result.isComplete, sets.matches(leftOnly: result.leftOnly, rightOnly: result.rightOnly) else {
            throw ValidationError("IBF of \(size.cellCount) cells did not decode this difference; try another --seed")
        }
        return (size.cellCount, build, decode)
    }

    /// Encoding as many symbols as decoding needs from `n` keys, in one range and streamed in
    /// batches of d/4 as a sender streams them, and decoding them.
    private func measureRateless(left: [Key128], right: [Key128], sets: DifferingSets, seed: UInt64)
        throws -> (symbols: Int, encode: Double, batchedEncode: Double, decode: Double) {
        let needed = RatelessCommand.decode(sets, seed: seed).symbols
        let mine = RatelessEncoder(keys: left, seed: seed)
        let theirs = RatelessEncoder(keys: right, seed: seed)
        var symbols: [CodedSymbol] = []
        let encode = median { () -> Double in
            nanoseconds(ContinuousClock().measure { symbols = mine.symbols(in: 0..<needed) }) / Double(left.count)
        }
        let difference = zip(symbols, theirs.symbols(in: 0..<needed)).map { $0 - $1 }
        let batch = max(16, d / 4)
        let batchedEncode = median { () -> Double in
            var streamed = RatelessEncoder(keys: left, seed: seed)
            let time = ContinuousClock().measure {
                while streamed.nextIndex < needed { _ = streamed.nextBatch(count: min(batch, needed - streamed.nextIndex)) }
            }
            return nanoseconds(time) / Double(left.count)
        }
        var decoder = RatelessDecoder(seed: seed)
        let decode = median { () -> Double in
            let time = ContinuousClock().measure {
                decoder = RatelessDecoder(seed: seed)
                var start = 0
                while !decoder.isComplete, start < difference.count {
                    let end = min(start + batch, difference.count)
                    decoder.consume(difference: Array(difference[start..<end]))
                    start = end
                }
            }
            return nanoseconds(time) / Double(d)
        }
        guard decoder.isComplete, sets.matches(leftOnly: decoder.leftOnly, rightOnly: decoder.rightOnly) else {
            throw ValidationError("rateless symbols of the full sets did not decode the difference")
        }
        return (needed, encode, batchedEncode, decode)
    }

    /// The median of `repeats` runs of `measure`.
    private func median(_ measure: () -> Double) -> Double {
        quantile((0..<repeats).map { _ in measure() }, 0.5)
    }
}
