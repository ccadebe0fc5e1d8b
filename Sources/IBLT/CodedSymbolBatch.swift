/// A run of consecutive coded symbols as one message: what a rateless sender sends per
/// round, and what `RatelessDecoder.consume(remote:local:)` takes.
public struct CodedSymbolBatch: Equatable, Sendable {
    /// The seed of the encoder that produced the symbols.
    public var seed: UInt64
    /// The index of the first symbol.
    public var firstIndex: Int
    /// The symbols at `firstIndex`, `firstIndex + 1`, ...
    public var symbols: [CodedSymbol]

    /// A batch from its parts. The indices must lie below `indexLimit` (2^31 - 1), the
    /// bound of the wire format; a larger batch is a programming error.
    public init(seed: UInt64, firstIndex: Int, symbols: [CodedSymbol]) {
        precondition(firstIndex >= 0 && firstIndex + symbols.count <= Self.indexLimit,
                     "coded symbol indices must lie in 0..<CodedSymbolBatch.indexLimit")
        self.seed = seed
        self.firstIndex = firstIndex
        self.symbols = symbols
    }

    /// The symbol indices the batch covers.
    public var indices: Range<Int> { firstIndex..<(firstIndex + symbols.count) }
}
