/// The sender's side of rateless reconciliation (Yang, Gilad, Alizadeh 2024, section 4):
/// turns a set into the unending sequence of coded symbols 0, 1, 2, ..., produced a range
/// at a time.
///
/// Streaming (`nextBatch(count:)`) keeps each key's walk between batches, in flat arrays
/// parallel to `keys`: its checksum, its next symbol index and its generator state
/// (`RatelessMapping`), set up by the first batch. A batch then costs one comparison per
/// key whose next index lies beyond the batch, plus the symbols the batch contains, so
/// streaming m symbols in any number of batches costs about what one batch of m does.
/// `symbols(in:)` computes any range from scratch instead, walking each key from index
/// 0, for callers that need random access. The receiver runs an encoder over its own set
/// with the same seed, in step with the sender's batches, and hands both to
/// `RatelessDecoder`.
public struct RatelessEncoder: Sendable {
    /// The per-exchange seed of the checksum and mapping hashes.
    public let seed: UInt64
    /// The set being encoded.
    public let keys: [Key128]
    /// The index of the first symbol `nextBatch(count:)` returns next.
    public private(set) var nextIndex = 0
    /// Per key, parallel to `keys`: its checksum, and its walk standing at its first
    /// index at or after `nextIndex`. Empty until the first batch.
    private var checksums: [UInt64] = []
    private var walks: [RatelessMapping] = []

    /// An encoder of `keys` (a set: no key twice) under `seed`.
    public init(keys: [Key128], seed: UInt64) {
        self.keys = keys
        self.seed = seed
    }

    /// The symbols at indices `range`, which must lie in `0..<CodedSymbolBatch.indexLimit`,
    /// computed from scratch (the streaming state is neither used nor changed).
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
        precondition(count >= 0 && range.upperBound <= CodedSymbolBatch.indexLimit,
                     "coded symbol indices must lie in 0..<CodedSymbolBatch.indexLimit")
        if walks.isEmpty && !keys.isEmpty { startWalks() }
        var symbols = [CodedSymbol](repeating: .empty, count: count)
        let end = range.upperBound
        keys.withUnsafeBufferPointer { keys in
            checksums.withUnsafeBufferPointer { checksums in
                walks.withUnsafeMutableBufferPointer { walks in
                    symbols.withUnsafeMutableBufferPointer { output in
                        guard let base = output.baseAddress, count > 0 else { return }
                        for position in 0..<keys.count where walks[position].index < end {
                            let key = keys[position]
                            let checksum = checksums[position]
                            var walk = walks[position]
                            repeat {
                                base[walk.index - range.lowerBound].apply(key, checksum: checksum, sign: 1)
                                walk.advance()
                            } while walk.index < end
                            walks[position] = walk
                        }
                    }
                }
            }
        }
        nextIndex = end
        return CodedSymbolBatch(seed: seed, firstIndex: range.lowerBound, symbols: symbols)
    }

    /// Computes every key's checksum and starts its walk at index 0, before the first batch.
    private mutating func startWalks() {
        checksums.reserveCapacity(keys.count)
        walks.reserveCapacity(keys.count)
        for key in keys {
            checksums.append(KeyHashing.checksum(key, seed: seed))
            walks.append(RatelessMapping(mappingHash: KeyHashing.mappingHash(key, seed: seed)))
        }
    }

    /// Adds (`sign` +1) or removes (-1) every key of `keys` to the symbols of `range`,
    /// where `output[0]` is the symbol at `range.lowerBound`, walking each key from index
    /// 0. The hot loop of `symbols(in:)`.
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
