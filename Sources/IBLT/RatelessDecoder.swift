/// The receiver's side of rateless reconciliation (Yang, Gilad, Alizadeh 2024, sections
/// 4 and 5): consumes the sender's coded symbols in order, takes its own set's symbols out
/// of them, and peels the difference as soon as it can, until symbol 0, which holds every
/// differing key, is empty.
///
/// Peeling works as for an IBF: a symbol is pure when its count is +-1 and its `hashSum`
/// is the checksum of its `keySum`; the key must also map to that symbol. A recovered key
/// is removed from every symbol received so far, and from each later symbol as it arrives,
/// through a min-heap of the keys' next indices. `leftOnly` lists the keys only the sender
/// has, `rightOnly` those only the receiver has.
public struct RatelessDecoder: Sendable {
    /// A key peeled from the difference, with where its walk stands.
    private struct RecoveredKey: Sendable {
        var key: Key128
        var checksum: UInt64
        var sign: Int32
        var walk: RatelessMapping
    }

    /// The per-exchange seed; symbols encoded under another seed are refused.
    public let seed: UInt64
    /// The difference symbols received so far, with the recovered keys taken out.
    private var symbols: [CodedSymbol] = []
    private var recovered: [RecoveredKey] = []
    private var pending = IndexHeap()
    private var candidates: [Int] = []
    private var walkIndices: [Int] = []
    /// Keys only the sender has, in the order they were recovered.
    public private(set) var leftOnly: [Key128] = []
    /// Keys only the receiver has, in the order they were recovered.
    public private(set) var rightOnly: [Key128] = []

    /// A decoder for an exchange under `seed`.
    public init(seed: UInt64) {
        self.seed = seed
    }

    /// The number of symbols consumed so far: the index the next one must have.
    public var symbolCount: Int { symbols.count }

    /// True once the whole difference is recovered: symbol 0, which every key maps to, has
    /// peeled to empty (zero count, key sum and checksum sum).
    public var isComplete: Bool { symbols.first?.isEmpty ?? false }

    /// The keys recovered so far and whether they are the whole difference.
    public var result: DecodeResult {
        DecodeResult(leftOnly: leftOnly, rightOnly: rightOnly, isComplete: isComplete)
    }

    /// Consumes the sender's `remote` batch, which must start at `symbolCount`, with the
    /// receiver's own symbols for the same indices, streamed from `local`, which must be in
    /// step with the decoder (its `nextIndex` at `symbolCount`). Nothing changes on error.
    public mutating func consume(remote: CodedSymbolBatch, local: inout RatelessEncoder) throws(IBLTError) {
        guard remote.seed == seed else { throw .mismatchedSeed(left: remote.seed, right: seed) }
        guard local.seed == seed else { throw .mismatchedSeed(left: local.seed, right: seed) }
        let expected = symbolCount..<(symbolCount + remote.symbols.count)
        guard remote.indices == expected else {
            throw .mismatchedSymbolRange(remote: remote.indices, local: expected)
        }
        guard local.nextIndex == symbolCount else {
            throw .mismatchedSymbolRange(remote: remote.indices,
                                         local: local.nextIndex..<(local.nextIndex + remote.symbols.count))
        }
        let mine = local.nextBatch(count: remote.symbols.count).symbols
        consume(difference: zip(remote.symbols, mine).map { $0 - $1 })
    }

    /// Consumes symbols of the difference (sender's minus receiver's) for the indices
    /// `symbolCount ..< symbolCount + difference.count`, then peels what it can.
    public mutating func consume(difference: [CodedSymbol]) {
        let start = symbols.count
        symbols.append(contentsOf: difference)
        let end = symbols.count
        symbols.withUnsafeMutableBufferPointer { table in
            while let next = pending.minimum, next.index < end {
                let entry = recovered[next.slot]
                table[next.index].apply(entry.key, checksum: entry.checksum, sign: -entry.sign)
                recovered[next.slot].walk.advance()
                pending.replaceMinimumIndex(with: recovered[next.slot].walk.index)
            }
            for index in start..<end where table[index].count == 1 || table[index].count == -1 {
                candidates.append(index)
            }
        }
        peel()
    }

    /// Takes pure symbols until none is left; at most one key per received symbol.
    private mutating func peel() {
        while let index = candidates.popLast(), recovered.count < symbols.count {
            guard let sign = symbols[index].pureSign(checksumSeed: seed) else { continue }
            let key = symbols[index].keySum
            let checksum = symbols[index].hashSum
            var walk = RatelessMapping(mappingHash: KeyHashing.mappingHash(key, seed: seed))
            walkIndices.removeAll(keepingCapacity: true)
            while walk.index < symbols.count {
                walkIndices.append(walk.index)
                walk.advance()
            }
            guard walkIndices.contains(index) else { continue }
            for target in walkIndices {
                symbols[target].apply(key, checksum: checksum, sign: -sign)
                let count = symbols[target].count
                if count == 1 || count == -1 { candidates.append(target) }
            }
            pending.push(index: walk.index, slot: recovered.count)
            recovered.append(RecoveredKey(key: key, checksum: checksum, sign: sign, walk: walk))
            if sign == 1 { leftOnly.append(key) } else { rightOnly.append(key) }
        }
    }
}
