/// The sender's side of rateless reconciliation (Yang, Gilad, Alizadeh 2024, section 4):
/// turns a set into the unending sequence of coded symbols 0, 1, 2, ..., produced a range
/// at a time.
///
/// A range `[start, end)` is encoded key by key: each key computes its checksum and
/// mapping hash once, walks its `RatelessMapping` up to `start`, then adds itself to each
/// of its indices below `end`. No priority queue and no per-key state survive between
/// calls; all of a key's indices follow from the key and the seed. The receiver runs an
/// encoder over its own set with the same seed and hands both to `RatelessDecoder`.
public struct RatelessEncoder: Sendable {
    /// The per-exchange seed of the checksum and mapping hashes.
    public let seed: UInt64
    /// The set being encoded.
    public let keys: [Key128]
    /// The index of the first symbol `nextBatch(count:)` returns next.
    public private(set) var nextIndex = 0

    /// An encoder of `keys` (a set: no key twice) under `seed`.
    public init(keys: [Key128], seed: UInt64) {
        self.keys = keys
        self.seed = seed
    }

    /// The symbols at indices `range`, which must lie in `0..<CodedSymbolBatch.indexLimit`.
    public func symbols(in range: Range<Int>) -> [CodedSymbol] {
        precondition(range.lowerBound >= 0 && range.upperBound <= CodedSymbolBatch.indexLimit,
                     "coded symbol indices must lie in 0..<CodedSymbolBatch.indexLimit")
        var symbols = [CodedSymbol](repeating: .empty, count: range.count)
        keys.withUnsafeBufferPointer { keys in
            symbols.withUnsafeMutableBufferPointer { output in
                Self.accumulate(keys, sign: 1, seed: seed, range: range, into: output)
            }
        }
        return symbols
    }

    /// The next `count` symbols in order, as a batch ready to serialize; the first call
    /// starts at symbol 0.
    public mutating func nextBatch(count: Int) -> CodedSymbolBatch {
        let range = nextIndex..<(nextIndex + count)
        nextIndex = range.upperBound
        return CodedSymbolBatch(seed: seed, firstIndex: range.lowerBound, symbols: symbols(in: range))
    }

    /// Adds (`sign` +1) or removes (-1) every key of `keys` to the symbols of `range`,
    /// where `output[0]` is the symbol at `range.lowerBound`. The hot loop of encoding.
    static func accumulate(_ keys: UnsafeBufferPointer<Key128>, sign: Int32, seed: UInt64,
                           range: Range<Int>, into output: UnsafeMutableBufferPointer<CodedSymbol>) {
        guard let base = output.baseAddress, !range.isEmpty else { return }
        let start = range.lowerBound
        let end = range.upperBound
        for key in keys {
            let checksum = KeyHashing.checksum(key, seed: seed)
            var walk = RatelessMapping(mappingHash: KeyHashing.mappingHash(key, seed: seed))
            while walk.index < start { walk.advance() }
            while walk.index < end {
                base[walk.index - start].apply(key, checksum: checksum, sign: sign)
                walk.advance()
            }
        }
    }
}
