import IBLT

/// The largest digest payloads a side accepts: every binary member is checked against
/// these before it is decoded (Docs/digest-protocol.md, "Limits"). The server and the
/// client each keep their own; `standard` is what both use unless configured otherwise.
public struct DigestLimits: Hashable, Sendable {
    /// Largest strata estimator, in bytes before base64.
    public var maximumEstimatorBytes: Int
    /// Largest IBF, in cells.
    public var maximumIBFCells: Int
    /// Most coded symbols in one batch, and in one request for more.
    public var maximumSymbolsPerBatch: Int
    /// Most keys in one list (keys to fetch, keys to delete).
    public var maximumKeys: Int

    /// Limits from their parts.
    public init(maximumEstimatorBytes: Int, maximumIBFCells: Int, maximumSymbolsPerBatch: Int, maximumKeys: Int) {
        self.maximumEstimatorBytes = maximumEstimatorBytes
        self.maximumIBFCells = maximumIBFCells
        self.maximumSymbolsPerBatch = maximumSymbolsPerBatch
        self.maximumKeys = maximumKeys
    }

    /// 64 KiB estimators (the default geometry needs at most 17,935 bytes), IBFs of
    /// 2^22 cells (117 MB, enough for about 3 million differing keys), batches of 2^20
    /// symbols and lists of 2^22 keys.
    public static let standard = DigestLimits(maximumEstimatorBytes: 1 << 16, maximumIBFCells: 1 << 22,
                                              maximumSymbolsPerBatch: 1 << 20, maximumKeys: 1 << 22)

    /// Bytes of the largest IBF accepted.
    var maximumIBFBytes: Int { InvertibleBloomFilter.wireSize(cellCount: maximumIBFCells) }

    /// Bytes of the largest coded-symbol batch accepted.
    var maximumBatchBytes: Int { CodedSymbolBatch.wireSize(symbolCount: maximumSymbolsPerBatch) }
}
