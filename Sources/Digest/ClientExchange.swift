import IBLT
import OVSDB

/// The client's side of one exchange (Docs/digest-protocol.md, "State machine"), without
/// I/O: `SyncClient` makes one from the digest of its replica, sends `offer` with
/// `digest_resync`, and hands it every reply; each answer is a step to send with
/// `digest_continue` or the outcome to apply to the replica.
public struct ClientExchange: Sendable {
    /// How the exchange ended.
    public enum Outcome: Equatable, Sendable {
        /// The replica is current; the monitor runs from `lastTransactionID`.
        case inSync(lastTransactionID: OVSDBUUID)
        /// Delete `deletedRows` from the replica, then apply `updates` (`initial` rows,
        /// each replacing the row of its UUID); the monitor runs from `lastTransactionID`.
        case difference(lastTransactionID: OVSDBUUID, updates: JSON, deletedRows: [RowReference])
        /// Clear the replica and load `updates`, as after `monitor_cond_since` with
        /// `found` false.
        case full(lastTransactionID: OVSDBUUID, updates: JSON, reason: FullReason)
    }

    /// What the client does next.
    public enum Action: Equatable, Sendable {
        /// Send this step with `digest_continue`.
        case send(ResyncStep)
        /// The exchange is over.
        case finished(Outcome)
    }

    private enum State: String {
        case offered = "waiting for the first reply"
        case filterSent = "waiting for the IBF's result"
        case streaming = "waiting for coded symbols"
        case fetchSent = "waiting for the fetched rows"
        case fullRequested = "waiting for the full snapshot"
        case finished = "finished"
    }

    /// The offer to send with `digest_resync`.
    public let offer: ResyncOffer
    private let view: ViewDigest
    private let planner: ResyncPlanner
    private var state = State.offered
    private var hashCount = 0
    private var serverRows = 0
    private var local: RatelessEncoder?
    private var decoder: RatelessDecoder?

    /// An exchange for `view`, the digest of the client's replica built with the schema
    /// whose fingerprint is `schema`; `seed` must be fresh and random for every exchange.
    public init(view: ViewDigest, schema: SHA256Digest, mode: ResyncMode, seed: UInt64, planner: ResyncPlanner) {
        var view = view
        offer = ResyncOffer(seed: seed, commitment: view.commitment, rowCount: view.rowCount, schema: schema, mode: mode)
        self.view = view
        self.planner = planner
    }

    /// Handles the server's reply to the last request.
    public mutating func handle(_ reply: ResyncReply) throws(ExchangeError) -> Action {
        switch (reply, state) {
        case (.inSync(let id), .offered):
            return finish(.inSync(lastTransactionID: id))
        case (.full(let id, let updates, let reason), _) where state != .finished:
            return finish(.full(lastTransactionID: id, updates: updates, reason: reason))
        case (.estimator(let estimator, let rows), .offered) where offer.mode == .ibf:
            serverRows = rows
            return try answer(estimator)
        case (.retry(let cells), .filterSent):
            return try send(filterOf: cells)
        case (.symbols(let batch, let rows), .offered) where offer.mode == .rateless && rows != nil:
            serverRows = rows ?? 0
            local = RatelessEncoder(keys: view.keys, seed: offer.seed)
            decoder = RatelessDecoder(seed: offer.seed)
            return try consume(batch)
        case (.symbols(let batch, nil), .streaming):
            return try consume(batch)
        case (.done(let id, let updates, let deleted), .filterSent):
            return finish(.difference(lastTransactionID: id, updates: updates, deletedRows: try locate(deleted)))
        case (.done(let id, let updates, []), .fetchSent):
            let deleted = try locate(decoder?.rightOnly ?? [])
            return finish(.difference(lastTransactionID: id, updates: updates, deletedRows: deleted))
        default:
            throw .unexpectedMessage(received: reply.kind, state: state.rawValue)
        }
    }

    /// Estimates the difference from the server's estimator and answers with an IBF or
    /// a request for full (`ResyncPlanner.filter`). The estimator may carry the server's
    /// own seed (`EstimatorCache`): the client builds its estimator under that seed; the
    /// IBF keeps the offer's.
    private mutating func answer(_ remote: StrataEstimator) throws(ExchangeError) -> Action {
        let estimate: Int
        do {
            var mine = try StrataEstimator(strataCount: remote.strataCount, cellsPerStratum: remote.cellsPerStratum,
                                           hashCount: remote.stratumMapping.hashCount, seed: remote.seed)
            mine.insert(contentsOf: view.keys)
            estimate = try remote.estimateDifference(with: mine)
        } catch {
            throw .wrongGeometry("\(error)")
        }
        switch planner.filter(estimate: estimate, serverRows: serverRows, clientRows: view.rowCount) {
        case .ibf(let cells, let k):
            hashCount = k
            return try send(filterOf: cells)
        case .full(let reason):
            state = .fullRequested
            return .send(.full(reason: reason))
        }
    }

    private mutating func send(filterOf cells: Int) throws(ExchangeError) -> Action {
        do {
            var filter = try InvertibleBloomFilter(cellCount: cells, hashCount: hashCount, seed: offer.seed)
            filter.insert(contentsOf: view.keys)
            state = .filterSent
            return .send(.ibf(filter))
        } catch {
            throw .wrongGeometry("\(error)")
        }
    }

    /// Takes the client's own symbols out of the server's batch and peels; asks for the
    /// rows once decoded, otherwise for more symbols or for full.
    private mutating func consume(_ batch: CodedSymbolBatch) throws(ExchangeError) -> Action {
        guard var decoder, var local else { throw .unexpectedMessage(received: "symbols", state: state.rawValue) }
        guard batch.seed == offer.seed else { throw .wrongSeed(received: batch.seed, expected: offer.seed) }
        guard batch.firstIndex == decoder.symbolCount else {
            throw .wrongSymbolRange(firstIndex: batch.firstIndex, expected: decoder.symbolCount)
        }
        do {
            try decoder.consume(remote: batch, local: &local)
        } catch {
            throw .wrongGeometry("\(error)")
        }
        self.decoder = decoder
        self.local = local
        if decoder.isComplete {
            state = .fetchSent
            return .send(.fetch(keys: decoder.leftOnly))
        }
        switch planner.nextSymbols(received: decoder.symbolCount, serverRows: serverRows, clientRows: view.rowCount) {
        case .more(let count):
            state = .streaming
            return .send(.more(symbolCount: count))
        case .full(let reason):
            state = .fullRequested
            return .send(.full(reason: reason))
        }
    }

    /// The rows of the keys the server says only the client has.
    private func locate(_ keys: [Key128]) throws(ExchangeError) -> [RowReference] {
        var rows: [RowReference] = []
        rows.reserveCapacity(keys.count)
        for key in keys {
            guard let found = view.locate(key) else { throw .unknownKey(key) }
            rows.append(RowReference(table: found.table, uuid: found.uuid))
        }
        return rows
    }

    private mutating func finish(_ outcome: Outcome) -> Action {
        state = .finished
        local = nil
        decoder = nil
        return .finished(outcome)
    }
}
