import ArgumentParser
import IBLT

/// `digestsync-bench demo`: reconciles two generated sets the way the protocol of
/// ../shared/DESIGN.md will, with every message serialized and parsed, and prints what
/// crossed the wire. The server holds `left`, the client `right`.
///
/// Difference digests: round trip 1 carries the server's strata estimator; round trip 2
/// the client's IBF sized from the estimate, which the server subtracts from its own and
/// peels; a failure is retried once with an IBF twice as large, then the server sends
/// everything. Rateless: the server streams doubling
/// batches of coded symbols until the client, which decodes as they arrive, says stop and
/// asks for the keys it lacks. Keys stand in for the rows the real protocol sends.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Reconcile two generated sets and print what crossed the wire.")

    @Option(help: "Keys in each set.")
    var n = 1_000_000
    @Option(help: "Keys in exactly one set (half on each side).")
    var d = 1000
    @Option(help: "Coded symbols in the first streamed batch of the rateless path; each next batch doubles.")
    var batch = 64
    @Option(help: "Seed of the generated sets.")
    var seed: UInt64 = 42

    func validate() throws {
        guard n >= d, d >= 0, batch > 0 else { throw ValidationError("need n >= d >= 0 and batch > 0") }
    }

    func run() throws {
        var generator = KeyGenerator(seed: seed)
        let sets = DifferingSets(common: n - (d - d / 2), difference: d, generator: &generator)
        let server = sets.left
        let client = sets.right
        let exchangeSeed = generator.next()
        print("sets: server \(server.count) keys, client \(client.count) keys, true difference d = \(d) "
              + "(\(sets.leftOnly.count) only on the server, \(sets.rightOnly.count) only on the client)")
        print("")
        try digestPath(server: server, client: client, sets: sets, seed: exchangeSeed)
        print("")
        try ratelessPath(server: server, client: client, sets: sets, seed: exchangeSeed)
    }

    private func digestPath(server: [Key128], client: [Key128], sets: DifferingSets, seed: UInt64) throws {
        print("difference digest (strata estimator, then IBF):")
        let clock = ContinuousClock()
        let start = clock.now
        var log = WireLog()
        log.send(.clientToServer, bytes: 8, what: "request with the exchange seed")
        var serverEstimator = try StrataEstimator(seed: seed)
        serverEstimator.insert(contentsOf: server)
        let estimatorBytes = serverEstimator.serialized()
        log.send(.serverToClient, bytes: estimatorBytes.count, what: "strata estimator")
        let received = try StrataEstimator(wireBytes: estimatorBytes)
        var clientEstimator = try StrataEstimator(seed: seed)
        clientEstimator.insert(contentsOf: client)
        let estimate = try received.estimateDifference(with: clientEstimator)
        print("  estimate \(estimate) vs true d \(d) (ratio \(format(Double(estimate) / Double(max(d, 1)))))")

        var size = IBLTSizing.recommended(forEstimate: estimate)
        for attempt in 1...2 {
            var clientFilter = try InvertibleBloomFilter(cellCount: size.cellCount, hashCount: size.hashCount, seed: seed)
            clientFilter.insert(contentsOf: client)
            let filterBytes = clientFilter.serialized()
            log.send(.clientToServer, bytes: filterBytes.count, what: "IBF of \(size.cellCount) cells, k=\(size.hashCount)")
            let receivedFilter = try InvertibleBloomFilter(wireBytes: filterBytes)
            var serverFilter = InvertibleBloomFilter(mapping: receivedFilter.mapping)
            serverFilter.insert(contentsOf: server)
            let result = try serverFilter.subtracting(receivedFilter).decode()
            if result.isComplete {
                log.send(.serverToClient, bytes: 16 * result.recoveredCount,
                         what: "\(result.leftOnly.count) keys to fetch (rows in the real protocol), \(result.rightOnly.count) keys to delete")
                let correct = sets.matches(leftOnly: result.leftOnly, rightOnly: result.rightOnly)
                log.finish(elapsed: clock.now - start, correct: correct)
                return
            }
            log.send(.serverToClient, bytes: 1, what: attempt == 1 ? "decode failed: retry" : "decode failed again")
            size = (size.cellCount * 2, size.hashCount)
        }
        log.send(.serverToClient, bytes: 16 * server.count, what: "full transfer: every key of the server")
        log.finish(elapsed: clock.now - start, correct: true)
    }

    private func ratelessPath(server: [Key128], client: [Key128], sets: DifferingSets, seed: UInt64) throws {
        print("rateless IBLT (coded symbols streamed until the client says stop):")
        let clock = ContinuousClock()
        let start = clock.now
        var log = WireLog()
        log.send(.clientToServer, bytes: 8, what: "request with the exchange seed")
        var encoder = RatelessEncoder(keys: server, seed: seed)
        var local = RatelessEncoder(keys: client, seed: seed)
        var decoder = RatelessDecoder(seed: seed)
        var streamed = 0
        var batches = 0
        var completedAt = 0
        var size = batch
        while !decoder.isComplete {
            let bytes = encoder.nextBatch(count: size).serialized()
            size *= 2
            streamed += bytes.count
            batches += 1
            let received = try CodedSymbolBatch(wireBytes: bytes)
            guard received.seed == seed, received.firstIndex == decoder.symbolCount else {
                throw ValidationError("batch out of order or under another seed")
            }
            let mine = local.nextBatch(count: received.symbols.count).symbols
            // Symbol by symbol, as a streaming receiver would, to know where it completed.
            for (theirs, ours) in zip(received.symbols, mine) where !decoder.isComplete {
                decoder.consume(difference: [theirs - ours])
            }
            completedAt = decoder.symbolCount
        }
        log.send(.serverToClient, bytes: streamed,
                 what: "\(batches) batch(es), \(encoder.nextIndex) coded symbols; decoding completed at symbol "
                    + "\(completedAt) (\(format(Double(completedAt) / Double(max(d, 1)))) per difference)")
        log.send(.clientToServer, bytes: 1 + 16 * decoder.leftOnly.count,
                 what: "stop, and the \(decoder.leftOnly.count) keys to fetch (\(decoder.rightOnly.count) to delete locally)")
        log.send(.serverToClient, bytes: 16 * decoder.leftOnly.count, what: "the fetched keys (rows in the real protocol)")
        let correct = sets.matches(leftOnly: decoder.leftOnly, rightOnly: decoder.rightOnly)
        log.finish(elapsed: clock.now - start, correct: correct)
    }
}

/// What crossed the wire in one demo path, printed as it goes.
private struct WireLog {
    enum Direction { case clientToServer, serverToClient }

    private var upstream = 0
    private var downstream = 0
    private var roundTrips = 0

    mutating func send(_ direction: Direction, bytes: Int, what: String) {
        switch direction {
        case .clientToServer:
            upstream += bytes
            roundTrips += 1
            print("  client -> server \(pad(bytes)) bytes  \(what)")
        case .serverToClient:
            downstream += bytes
            print("  server -> client \(pad(bytes)) bytes  \(what)")
        }
    }

    func finish(elapsed: Duration, correct: Bool) {
        print("  total: \(upstream) bytes client -> server, \(downstream) bytes server -> client, "
              + "\(roundTrips) round trips, \(format(nanoseconds(elapsed) / 1e6)) ms, "
              + (correct ? "difference recovered exactly" : "WRONG DIFFERENCE"))
    }

    private func pad(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, 9 - text.count)) + text
    }
}

/// A number with three decimals.
func format(_ value: Double) -> String {
    let scaled = (value * 1000).rounded() / 1000
    return String(scaled)
}
