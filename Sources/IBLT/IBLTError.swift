/// Why an IBLT structure could not be built or combined. Thrown by the initialisers of
/// `CellMapping`, `InvertibleBloomFilter`, `StrataEstimator`, and by the operations that
/// combine two structures, which must share geometry and seed.
public enum IBLTError: Error, Equatable, Sendable {
    /// `k` outside `CellMapping.hashCountRange`.
    case invalidHashCount(Int, allowed: ClosedRange<Int>)
    /// A cell count below `k` (every partition needs a cell) or above the supported maximum.
    case invalidCellCount(Int, allowed: ClosedRange<Int>)
    /// Strata geometry outside what the estimator and its wire format support.
    case invalidStrata(strataCount: Int, cellsPerStratum: Int)
    /// The two structures have different cell counts or hash counts: built for different
    /// sizes, so their cells do not line up.
    case mismatchedGeometry(left: String, right: String)
    /// The two structures were built with different seeds, so the same key sits in
    /// different cells with different checksums.
    case mismatchedSeed(left: UInt64, right: UInt64)
    /// Two symbol sequences given to the rateless decoder do not cover the same indices.
    case mismatchedSymbolRange(remote: Range<Int>, local: Range<Int>)
}
