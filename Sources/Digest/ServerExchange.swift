import IBLT
import OVSDB

/// The server's side of one exchange (Docs/digest-protocol.md, "State machine"), without
/// I/O: `SyncServer` opens one per `digest_resync` with a snapshot of the session's view
/// (from its `DigestIndex`) and feeds it each `digest_continue` step; it answers with
/// `Action`s, and turns the ones that need rows (`done`, `full`) into table-updates2 from
/// the same snapshot of the database, then starts the monitor.
public struct ServerExchange: Sendable {
    /// What the server must do next.
    public enum Action: Equatable, Sendable {
        /// Send this reply; the exchange goes on.
        case reply(ResyncReply)
        /// Answer `in_sync` with the current transaction id and start the monitor.
        case inSync
        /// Answer `full` with an initial snapshot of the view and start the monitor.
        case full(FullReason)
        /// Answer `done` with these rows as `initial` table-updates2 and these keys to
        /// delete, and start the monitor.
        case done(rows: [RowReference], deletedKeys: [Key128])
    }

    private enum State: String {
        case opening = "opening"
        case awaitingFilter = "waiting for an IBF"
        case streaming = "streaming coded symbols"
        case finished = "finished"
    }

    /// The client's offer.
    public let offer: ResyncOffer
    private var view: ViewDigest
    private let schema: SHA256Digest
    private let planner: ResyncPlanner
    private var state = State.opening
    private var requestedCells = 0
    private var attempts = 0
    private var encoder: RatelessEncoder?

    /// An exchange for `offer` over `view`, a snapshot of the session's view taken when
    /// the request arrived; `schema` is the fingerprint of the database's schema.
    public init(offer: ResyncOffer, view: ViewDigest, schema: SHA256Digest, planner: ResyncPlanner) {
        self.offer = offer
        self.view = view
        self.schema = schema
        self.planner = planner
    }

    /// The answer to `digest_resync`, with an estimator of its own under the offer's seed
    /// (Eppstein et al. 2011: one pass over the view for this exchange).
    public mutating func open() throws(ExchangeError) -> Action {
        guard state == .opening else { throw .unexpectedMessage(received: "offer", state: state.rawValue) }
        let seed = offer.seed
        return open { view throws(IBLTError) in
            var estimator = try StrataEstimator(seed: seed)
            estimator.insert(contentsOf: view.keys)
            return estimator
        }
    }

    /// The answer to `digest_resync`, with the estimator of `estimators` for this view
    /// (shared by every exchange over the same view, under the server's seed).
    public mutating func open(estimators: inout EstimatorCache) throws(ExchangeError) -> Action {
        guard state == .opening else { throw .unexpectedMessage(received: "offer", state: state.rawValue) }
        return open { view throws(IBLTError) in try estimators.estimator(for: &view) }
    }

    private mutating func open(estimator: (inout ViewDigest) throws(IBLTError) -> StrataEstimator) -> Action {
        let rows = view.rowCount
        switch planner.opening(offer: offer, serverSchema: schema, serverCommitment: view.commitment, serverRows: rows) {
        case .inSync:
            return finish(.inSync)
        case .full(let reason):
            return finish(.full(reason))
        case .estimator:
            state = .awaitingFilter
            do {
                return .reply(.estimator(try estimator(&view), rowCount: rows))
            } catch {
                return finish(.full(.decodeFailed))
            }
        case .symbols(let count):
            state = .streaming
            var encoder = RatelessEncoder(keys: view.keys, seed: offer.seed)
            let batch = encoder.nextBatch(count: count)
            self.encoder = encoder
            return .reply(.symbols(batch, rowCount: rows))
        }
    }

    /// The answer to a `digest_continue` step.
    public mutating func handle(_ step: ResyncStep) throws(ExchangeError) -> Action {
        switch (step, state) {
        case (.full(let reason), .awaitingFilter), (.full(let reason), .streaming):
            return finish(.full(reason))
        case (.ibf(let filter), .awaitingFilter):
            return try decode(filter)
        case (.more(let count), .streaming):
            guard var encoder else { return finish(.full(.decodeFailed)) }
            let limit = ResyncPlanner.maximumUsefulSymbols(serverRows: view.rowCount, clientRows: offer.rowCount)
            guard encoder.nextIndex + count <= limit else { return finish(.full(.decodeFailed)) }
            let batch = encoder.nextBatch(count: count)
            self.encoder = encoder
            return .reply(.symbols(batch, rowCount: nil))
        case (.fetch(let keys), .streaming):
            guard let rows = locate(keys) else { return finish(.full(.decodeFailed)) }
            return finish(.done(rows: rows, deletedKeys: []))
        default:
            throw .unexpectedMessage(received: Self.kind(of: step), state: state.rawValue)
        }
    }

    /// Subtracts the client's IBF from the server's and peels: the rows only the server
    /// has and the keys only the client has, or a retry, or full.
    private mutating func decode(_ filter: InvertibleBloomFilter) throws(ExchangeError) -> Action {
        guard filter.seed == offer.seed else { throw .wrongSeed(received: filter.seed, expected: offer.seed) }
        guard filter.cellCount >= requestedCells else {
            throw .wrongGeometry("IBF of \(filter.cellCount) cells, at least \(requestedCells) asked for")
        }
        attempts += 1
        var mine = InvertibleBloomFilter(mapping: filter.mapping)
        mine.insert(contentsOf: view.keys)
        let result: DecodeResult
        do {
            result = try mine.subtracting(filter).decode()
        } catch {
            throw .wrongGeometry("\(error)")
        }
        if result.isComplete {
            guard let rows = locate(result.leftOnly) else { return finish(.full(.decodeFailed)) }
            return finish(.done(rows: rows, deletedKeys: result.rightOnly))
        }
        switch planner.afterFailedDecode(cellCount: filter.cellCount, attempt: attempts, serverRows: view.rowCount) {
        case .retry(let cells):
            requestedCells = cells
            return .reply(.retry(cellCount: cells))
        case .full(let reason):
            return finish(.full(reason))
        }
    }

    /// The rows of `keys`, or nil if one is not in the view.
    private func locate(_ keys: [Key128]) -> [RowReference]? {
        var rows: [RowReference] = []
        rows.reserveCapacity(keys.count)
        for key in keys {
            guard let found = view.locate(key) else { return nil }
            rows.append(RowReference(table: found.table, uuid: found.uuid))
        }
        return rows
    }

    private mutating func finish(_ action: Action) -> Action {
        state = .finished
        encoder = nil
        return action
    }

    static func kind(of step: ResyncStep) -> String {
        switch step {
        case .ibf: return "ibf"
        case .more: return "more"
        case .fetch: return "fetch"
        case .full: return "full"
        }
    }
}
