import IBLT
import OVSDB

/// How the client wants the difference found: a strata estimator then an IBF (two round
/// trips, the fewest bytes down), or rateless coded symbols (no estimator; more bytes
/// down, fewer up). See `ResyncPlanner`.
public enum ResyncMode: String, CaseIterable, Hashable, Sendable {
    /// Strata estimator, then an IBF sized from it (Eppstein et al. 2011).
    case ibf
    /// Rateless coded symbols streamed until the client decodes (Yang et al. 2024).
    case rateless
}

/// The client's offer: the last parameter of `digest_resync` (Docs/digest-protocol.md).
/// What the client's replica holds, in a few dozen bytes.
///
/// ```
/// {"version":1,"seed":"<8 bytes>","commitment":"<32 bytes>","rows":1000000,"schema":"<32 bytes>","mode":"ibf"}
/// ```
/// Binary members are base64; the seed's 8 bytes are little-endian.
public struct ResyncOffer: Hashable, Sendable {
    /// The protocol versions this build speaks.
    public static let supportedVersions = [1]
    /// The version this build sends.
    public static let version = 1
    /// The largest row count an offer may carry (2^40).
    public static let maximumRowCount = 1 << 40

    /// The per-exchange seed of every IBF, estimator and rateless hash of the exchange,
    /// drawn at random by the client for each exchange.
    public var seed: UInt64
    /// The commitment of the client's view (`ViewDigest.commitment`).
    public var commitment: SHA256Digest
    /// Rows in the client's view.
    public var rowCount: Int
    /// The fingerprint of the schema the client's replica was built with
    /// (`DatabaseSchema.digestFingerprint`).
    public var schema: SHA256Digest
    /// The strategy the client wants.
    public var mode: ResyncMode

    /// An offer from its parts.
    public init(seed: UInt64, commitment: SHA256Digest, rowCount: Int, schema: SHA256Digest, mode: ResyncMode) {
        self.seed = seed
        self.commitment = commitment
        self.rowCount = rowCount
        self.schema = schema
        self.mode = mode
    }

    /// The offer as JSON.
    public var json: JSON {
        var seedBytes: [UInt8] = []
        for index in 0..<8 { seedBytes.append(UInt8(truncatingIfNeeded: seed >> (8 * UInt64(index)))) }
        return [
            "version": .integer(Int64(Self.version)),
            "seed": .string(Base64.encode(seedBytes)),
            "commitment": .string(Base64.encode(commitment.bytes)),
            "rows": .integer(Int64(rowCount)),
            "schema": .string(Base64.encode(schema.bytes)),
            "mode": .string(mode.rawValue),
        ]
    }

    /// Parses and validates an offer. The version is checked first, so an offer of a
    /// later version is reported as such rather than as malformed.
    public init(json: JSON) throws(DigestMessageError) {
        var fields = try MessageFields(json, what: "offer")
        let version = try fields.integer("version", in: 0...Int(Int32.max)) ?? 0
        guard Self.supportedVersions.contains(version) else {
            throw .unsupportedVersion(version, supported: Self.supportedVersions)
        }
        let seedBytes = try fields.bytes("seed", count: 8)
        seed = seedBytes.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        commitment = try fields.digest("commitment")
        rowCount = try fields.integer("rows", in: 0...Self.maximumRowCount) ?? 0
        schema = try fields.digest("schema")
        let modeName = try fields.string("mode")
        guard let mode = ResyncMode(rawValue: modeName) else { throw .invalidValue(member: "mode", value: "\"\(modeName)\"") }
        self.mode = mode
        try fields.finish()
    }
}
