import IBLT

/// The rules of an exchange (Docs/digest-protocol.md): when the views are in sync, when a
/// full snapshot is cheaper than any difference, how large the IBF is, how many coded
/// symbols go in a batch, when to retry and when to give up. Pure: the server and the
/// client each call the rules for their own steps with what they know.
///
/// The arithmetic, all in bytes on the wire (binary payloads are base64, 4/3 of their
/// size):
///
/// - a full snapshot: `rows x averageRowBytes` (update2 `initial` JSON per row; OVN's
///   Logical_Flow rows take 400 to 550 bytes, server-client.md; the caller measures its
///   own and passes it in);
/// - the strata estimator: 15 bytes plus 560 per stratum sent (80 cells of 7 bytes), and a
///   set of n keys fills about log2(n) + 3 strata (19 to 24 at n = 10^6), so about
///   16.4 KB of JSON for a million rows and 9 KB for a thousand;
/// - an IBF: 15 + 28 x cells, 37.3 bytes of JSON per cell; `IBLTSizing` asks for 1.4
///   (its margin) x 1.25 to 1.36 = 1.75 to 1.9 cells per differing key, 65 to 71 bytes of
///   JSON per key, and a modified row is two keys (the client's old one, the server's
///   new one);
/// - a coded symbol: 28 bytes, 37.3 of JSON; rateless decoding needs 1.35 to 1.75 symbols
///   per differing key (Yang et al. 2024), so the symbols travel down at 50 to 65 bytes
///   per key on top of the rows;
/// - a key to delete: 16 bytes, 21.3 of JSON.
///
/// So for 1% of a million 400-byte rows modified (10,000 rows, 20,000 keys), the IBF path
/// sends 16 KB of estimator, 4 MB of rows and 213 KB of keys down (1.06 x the rows) and
/// 1.3 MB of IBF up (0.33 x the rows); the rateless path sends about 1 MB of symbols down
/// on top of the rows (1.25 x, more with the last batch's overshoot). The client chooses
/// the mode; `ibf` is the one that meets issue 5's bytes-down target.
public struct ResyncPlanner: Hashable, Sendable {
    /// Bytes of JSON per row of a full snapshot of this view.
    public var averageRowBytes: Int
    /// The share of differing keys, over the keys of both sides, from which the exchange
    /// falls back to a full snapshot. A change of a fraction F of the rows, half of them
    /// modified (two keys each), is 0.75 F of both sides' keys, so 10% is a change of
    /// about 13% of the rows. The digest path costs the server CPU per client (an
    /// estimator and an IBF seeded per exchange, each client's rows serialised on their
    /// own), while a full snapshot is serialised once for every client of the view:
    /// `digestsync-bench resync` on 74,676 OVN_Southbound rows and 50 clients measured the
    /// difference at 0.8x the server CPU of full fetches with 1% of the rows changed, but
    /// 2.9x (for 0.24x the bytes) with 30% changed. Below the threshold the bytes saved
    /// win (a 37 MB snapshot per client against a few MB); above it, the server's CPU.
    public var largeDifferenceFraction: Double
    /// The most an exchange that ends in a full snapshot may have sent down before it, as
    /// a share of the snapshot: the estimator, or the coded symbols streamed so far.
    /// At 10%, falling back never costs more than 1.1x a full fetch in bytes down
    /// (issue 5's bound for large differences).
    public var fallbackOverhead: Double
    /// Coded symbols in the first rateless batch when the row counts give no better
    /// bound: 32 symbols (1.2 KB) decode any difference of up to about 20 keys.
    public var firstBatchSymbols: Int
    /// The limits of the messages.
    public var limits: DigestLimits

    /// A planner from its parts.
    public init(averageRowBytes: Int = 400, largeDifferenceFraction: Double = 0.1, fallbackOverhead: Double = 0.1,
                firstBatchSymbols: Int = 32, limits: DigestLimits = .standard) {
        self.averageRowBytes = max(1, averageRowBytes)
        self.largeDifferenceFraction = largeDifferenceFraction
        self.fallbackOverhead = fallbackOverhead
        self.firstBatchSymbols = max(1, firstBatchSymbols)
        self.limits = limits
    }

    /// What the server answers to `digest_resync`.
    public enum Opening: Hashable, Sendable {
        /// The views are equal.
        case inSync
        /// Send a full snapshot.
        case full(FullReason)
        /// Send the strata estimator (mode `ibf`).
        case estimator
        /// Send the first `count` coded symbols (mode `rateless`).
        case symbols(count: Int)
    }

    /// The server's rule for the first reply, in this order:
    /// 1. another schema: full (`schemaChanged`);
    /// 2. equal commitments: in sync;
    /// 3. an estimator (or first batch) of more than `fallbackOverhead` of the snapshot:
    ///    full (`smallView`); such a view is at most a few hundred rows, cheap to send
    ///    whole, and a fallback after the estimator would otherwise cost more than 1.1x
    ///    a full fetch;
    /// 4. a row-count gap of at least `largeDifferenceFraction` of both sides' rows: full
    ///    (`largeDifference`); the gap is a lower bound on the differing keys, and it is
    ///    known before any structure is built, so this costs the server nothing;
    /// 5. otherwise the estimator, or a first batch of `firstBatchSymbols` symbols, or
    ///    1.6 symbols per key of the gap if that is more.
    public func opening(offer: ResyncOffer, serverSchema: SHA256Digest, serverCommitment: SHA256Digest,
                        serverRows: Int) -> Opening {
        guard offer.schema == serverSchema else { return .full(.schemaChanged) }
        guard offer.commitment != serverCommitment else { return .inSync }
        let gap = abs(serverRows - offer.rowCount)
        let firstBatch = min(limits.maximumSymbolsPerBatch, max(firstBatchSymbols, (gap * 8 + 4) / 5))
        let probe = offer.mode == .ibf ? Self.estimatorJSONBytes(rows: serverRows) : Self.symbolsJSONBytes(count: firstBatch)
        if !isSmallShare(probe, of: serverRows) { return .full(.smallView) }
        if isLarge(difference: gap, serverRows: serverRows, clientRows: offer.rowCount) { return .full(.largeDifference) }
        return offer.mode == .ibf ? .estimator : .symbols(count: firstBatch)
    }

    /// What the client sends after the estimator.
    public enum FilterPlan: Hashable, Sendable {
        /// An IBF of `cellCount` cells and `hashCount` hash functions.
        case ibf(cellCount: Int, hashCount: Int)
        /// A request for a full snapshot.
        case full(FullReason)
    }

    /// The client's rule after estimating the difference at `estimate` keys: full if the
    /// estimate is at least `largeDifferenceFraction` of both sides' keys, or if the IBF
    /// up plus the rows and keys down would cost at least the snapshot, or if the IBF
    /// would exceed the limit; otherwise the IBF `IBLTSizing.recommended(forEstimate:)`
    /// gives (99% of estimates then decode; Papers/eppstein2011).
    public func filter(estimate: Int, serverRows: Int, clientRows: Int) -> FilterPlan {
        if isLarge(difference: estimate, serverRows: serverRows, clientRows: clientRows) { return .full(.largeDifference) }
        let size = IBLTSizing.recommended(forEstimate: estimate)
        guard size.cellCount <= limits.maximumIBFCells else { return .full(.largeDifference) }
        let serverSide = (estimate + 1) / 2
        let cost = Self.filterJSONBytes(cells: size.cellCount) + snapshotBytes(rows: serverSide)
            + Self.keysJSONBytes(count: estimate - serverSide)
        guard cost < snapshotBytes(rows: serverRows) else { return .full(.largeDifference) }
        return .ibf(cellCount: size.cellCount, hashCount: size.hashCount)
    }

    /// What the server answers when an IBF did not decode.
    public enum Retry: Hashable, Sendable {
        /// Ask for an IBF of `cellCount` cells, with the same `k`.
        case retry(cellCount: Int)
        /// Send a full snapshot.
        case full(FullReason)
    }

    /// The server's rule after the `attempt`-th IBF (1 or 2) of `cellCount` cells failed
    /// to decode: one retry with twice the cells (a failure almost always means the
    /// estimate fell short, and doubling covers an estimate low by up to 2.8x with the
    /// 1.4x margin), if that IBF is within the limit and cheaper than the snapshot; then
    /// full (`decodeFailed`).
    public func afterFailedDecode(cellCount: Int, attempt: Int, serverRows: Int) -> Retry {
        let cells = 2 * cellCount
        guard attempt == 1, cells <= limits.maximumIBFCells,
              Self.filterJSONBytes(cells: cells) < snapshotBytes(rows: serverRows) else { return .full(.decodeFailed) }
        return .retry(cellCount: cells)
    }

    /// What the rateless client asks for next.
    public enum Continuation: Hashable, Sendable {
        /// The next `count` symbols.
        case more(count: Int)
        /// A full snapshot instead.
        case full(FullReason)
    }

    /// The client's rule when `received` symbols have not decoded the difference: as many
    /// again (the total doubles, so the overshoot past what decoding needs is at most the
    /// last batch, and a difference of d keys costs about log2(1.5 d / 32) round trips),
    /// unless all the symbols would then cost more than `fallbackOverhead` of the
    /// snapshot (so that a fallback stays within 1.1x a full fetch), or the total would
    /// pass what any difference of the two views can need.
    public func nextSymbols(received: Int, serverRows: Int, clientRows: Int) -> Continuation {
        let count = min(limits.maximumSymbolsPerBatch, max(firstBatchSymbols, received))
        let total = received + count
        guard total <= Self.maximumUsefulSymbols(serverRows: serverRows, clientRows: clientRows),
              isSmallShare(Self.symbolsJSONBytes(count: total), of: serverRows) else { return .full(.largeDifference) }
        return .more(count: count)
    }

    /// The server's bound on the symbols of one exchange: decoding a difference of d keys
    /// needs at most about 1.75 d symbols and d is at most both sides' rows together, so
    /// twice that plus a first batch is never needed by an honest client.
    public static func maximumUsefulSymbols(serverRows: Int, clientRows: Int) -> Int {
        2 * (serverRows + clientRows) + 64
    }

    /// True if `difference` keys are at least `largeDifferenceFraction` of the keys of
    /// both sides.
    func isLarge(difference: Int, serverRows: Int, clientRows: Int) -> Bool {
        Double(difference) >= largeDifferenceFraction * Double(max(1, serverRows + clientRows))
    }

    /// True if `bytes` are at most `fallbackOverhead` of a snapshot of `rows` rows.
    func isSmallShare(_ bytes: Int, of rows: Int) -> Bool {
        Double(bytes) <= fallbackOverhead * Double(snapshotBytes(rows: rows))
    }

    /// Bytes of a full snapshot of `rows` rows.
    public func snapshotBytes(rows: Int) -> Int {
        rows * averageRowBytes
    }

    /// Bytes of JSON of the default strata estimator of a set of `rows` keys: the strata
    /// it is expected to fill, log2(rows) + 3, at most 32.
    public static func estimatorJSONBytes(rows: Int) -> Int {
        let strata = min(StrataEstimator.defaultStrataCount, (Int.bitWidth - max(1, rows).leadingZeroBitCount - 1) + 3)
        let raw = StrataEstimator.wireHeaderBytes
            + strata * StrataEstimator.defaultCellsPerStratum * StrataEstimator.wireCellBytes
        return Base64.encodedLength(of: raw)
    }

    /// Bytes of JSON of an IBF of `cells` cells.
    public static func filterJSONBytes(cells: Int) -> Int {
        Base64.encodedLength(of: InvertibleBloomFilter.wireSize(cellCount: cells))
    }

    /// Bytes of JSON of a batch of `count` coded symbols.
    public static func symbolsJSONBytes(count: Int) -> Int {
        Base64.encodedLength(of: CodedSymbolBatch.wireSize(symbolCount: count))
    }

    /// Bytes of JSON of a list of `count` keys.
    public static func keysJSONBytes(count: Int) -> Int {
        Base64.encodedLength(of: 16 * count)
    }
}
