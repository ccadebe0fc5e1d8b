import OVSDB

extension DatabaseSchema {
    /// SHA-256 of the schema's JSON with sorted keys: what an offer's `schema` member
    /// carries, so the server can tell that the client's replica was built with another
    /// schema (then the exchange ends in a full snapshot).
    public var digestFingerprint: SHA256Digest {
        SHA256Digest(of: json.serialized(sortingKeys: true))
    }
}
