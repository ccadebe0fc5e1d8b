import IBLT
import OVSDB

/// What the server answers to `digest_resync` and to `digest_continue`
/// (Docs/digest-protocol.md): a JSON object with exactly one of the members `in_sync`,
/// `estimator`, `symbols`, `retry`, `done`, `full`, which names its kind.
///
/// ```
/// {"in_sync":"<last-txn-id>"}
/// {"estimator":"<strata estimator>","rows":1000000}
/// {"symbols":"<coded symbol batch>","rows":1000000}      ("rows" only in the first batch)
/// {"retry":2720}
/// {"done":"<last-txn-id>","updates":{<table-updates2>},"delete":"<keys>"}   ("delete" only when non-empty)
/// {"full":"<last-txn-id>","updates":{<table-updates2>},"reason":"large"}
/// ```
/// `in_sync`, `done` and `full` end the exchange: the monitor is running from that reply
/// on and later changes arrive as `update3` notifications after `<last-txn-id>`.
public enum ResyncReply: Equatable, Sendable {
    /// The commitments are equal: the client's replica is current.
    case inSync(lastTransactionID: OVSDBUUID)
    /// The server's strata estimator of its view under the offer's seed, and its row count.
    case estimator(StrataEstimator, rowCount: Int)
    /// Coded symbols of the server's view under the offer's seed; `rowCount` (the server's
    /// rows) only in the reply to `digest_resync`.
    case symbols(CodedSymbolBatch, rowCount: Int?)
    /// The client's IBF did not decode: send one of at least `cellCount` cells.
    case retry(cellCount: Int)
    /// The difference: every row only the server has, as `initial` rows of a
    /// table-updates2 object, and the keys only the client has (its rows to delete,
    /// before it applies `updates`).
    case done(lastTransactionID: OVSDBUUID, updates: JSON, deletedKeys: [Key128])
    /// An ordinary initial snapshot of the view, as `monitor_cond_since` sends with
    /// `found` false: the client clears its replica and loads `updates`.
    case full(lastTransactionID: OVSDBUUID, updates: JSON, reason: FullReason)

    static let kinds = ["in_sync", "estimator", "symbols", "retry", "done", "full"]

    /// True for the replies after which the monitor runs and the exchange is over.
    public var endsExchange: Bool {
        switch self {
        case .inSync, .done, .full: return true
        case .estimator, .symbols, .retry: return false
        }
    }

    /// The reply as JSON.
    public var json: JSON {
        switch self {
        case .inSync(let id):
            return ["in_sync": .string(id.description)]
        case .estimator(let estimator, let rows):
            return ["estimator": .string(Base64.encode(estimator.serialized())), "rows": .integer(Int64(rows))]
        case .symbols(let batch, let rows):
            var object: JSONObject = ["symbols": .string(Base64.encode(batch.serialized()))]
            if let rows { object["rows"] = .integer(Int64(rows)) }
            return .object(object)
        case .retry(let cells):
            return ["retry": .integer(Int64(cells))]
        case .done(let id, let updates, let deleted):
            var object: JSONObject = ["done": .string(id.description), "updates": updates]
            if !deleted.isEmpty { object["delete"] = .string(Base64.encode(keys: deleted)) }
            return .object(object)
        case .full(let id, let updates, let reason):
            return ["full": .string(id.description), "updates": updates, "reason": .string(reason.rawValue)]
        }
    }

    /// Parses and validates a reply received by the client, checking every binary
    /// member against `limits` before decoding it.
    public init(json: JSON, limits: DigestLimits = .standard) throws(DigestMessageError) {
        var fields = try MessageFields(json, what: "digest reply")
        switch try fields.kind(of: Self.kinds) {
        case "in_sync":
            self = .inSync(lastTransactionID: try fields.uuid("in_sync"))
        case "estimator":
            let bytes = try fields.bytes("estimator", limit: limits.maximumEstimatorBytes)
            let estimator: StrataEstimator
            do {
                estimator = try StrataEstimator(wireBytes: bytes, maximumBytes: limits.maximumEstimatorBytes)
            } catch {
                throw .invalidStructure(member: "estimator", error)
            }
            self = .estimator(estimator, rowCount: try fields.integer("rows", in: 0...ResyncOffer.maximumRowCount) ?? 0)
        case "symbols":
            let batch = try Self.batch(&fields, limits: limits)
            self = .symbols(batch, rowCount: try fields.integer("rows", in: 0...ResyncOffer.maximumRowCount, optional: true))
        case "retry":
            self = .retry(cellCount: try fields.integer("retry", in: 1...limits.maximumIBFCells) ?? 1)
        case "done":
            let id = try fields.uuid("done")
            let updates = try fields.updates("updates")
            self = .done(lastTransactionID: id, updates: updates,
                         deletedKeys: try fields.keys("delete", limit: limits.maximumKeys, optional: true))
        default:
            let id = try fields.uuid("full")
            let updates = try fields.updates("updates")
            let name = try fields.string("reason")
            guard let reason = FullReason(rawValue: name) else { throw .invalidValue(member: "reason", value: "\"\(name)\"") }
            self = .full(lastTransactionID: id, updates: updates, reason: reason)
        }
        try fields.finish()
    }

    private static func batch(_ fields: inout MessageFields, limits: DigestLimits) throws(DigestMessageError) -> CodedSymbolBatch {
        let bytes = try fields.bytes("symbols", limit: limits.maximumBatchBytes)
        do {
            return try CodedSymbolBatch(wireBytes: bytes, maximumBytes: limits.maximumBatchBytes)
        } catch {
            throw .invalidStructure(member: "symbols", error)
        }
    }
}
