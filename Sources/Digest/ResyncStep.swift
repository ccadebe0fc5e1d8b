import IBLT
import OVSDB

/// The client's next step in an exchange: the second parameter of `digest_continue`
/// (Docs/digest-protocol.md), a JSON object with exactly one of the members `ibf`,
/// `more`, `fetch`, `full`.
///
/// ```
/// {"ibf":"<IBF>"}          after an estimator or a retry: the client's IBF, sized by ResyncPlanner
/// {"more":512}             rateless: the next 512 coded symbols
/// {"fetch":"<keys>"}       rateless, decoded: the rows of these keys (only the server has them)
/// {"full":"large"}         give up on the difference: send a full snapshot
/// ```
public enum ResyncStep: Equatable, Sendable {
    /// The client's IBF of its view under the exchange's seed.
    case ibf(InvertibleBloomFilter)
    /// A request for the next `symbolCount` coded symbols.
    case more(symbolCount: Int)
    /// The keys the rateless decoder found only on the server: send their rows.
    case fetch(keys: [Key128])
    /// A request for a full snapshot, and why.
    case full(reason: FullReason)

    static let kinds = ["ibf", "more", "fetch", "full"]

    /// The step as JSON.
    public var json: JSON {
        switch self {
        case .ibf(let filter): return ["ibf": .string(Base64.encode(filter.serialized()))]
        case .more(let count): return ["more": .integer(Int64(count))]
        case .fetch(let keys): return ["fetch": .string(Base64.encode(keys: keys))]
        case .full(let reason): return ["full": .string(reason.rawValue)]
        }
    }

    /// Parses and validates a step received by the server, checking every binary member
    /// against `limits` before decoding it.
    public init(json: JSON, limits: DigestLimits = .standard) throws(DigestMessageError) {
        var fields = try MessageFields(json, what: "digest step")
        switch try fields.kind(of: Self.kinds) {
        case "ibf":
            let bytes = try fields.bytes("ibf", limit: limits.maximumIBFBytes)
            do {
                self = .ibf(try InvertibleBloomFilter(wireBytes: bytes, maximumBytes: limits.maximumIBFBytes))
            } catch {
                throw .invalidStructure(member: "ibf", error)
            }
        case "more":
            self = .more(symbolCount: try fields.integer("more", in: 1...limits.maximumSymbolsPerBatch) ?? 1)
        case "fetch":
            self = .fetch(keys: try fields.keys("fetch", limit: limits.maximumKeys))
        default:
            let name = try fields.string("full")
            guard let reason = FullReason(rawValue: name) else { throw .invalidValue(member: "full", value: "\"\(name)\"") }
            self = .full(reason: reason)
        }
        try fields.finish()
    }
}
