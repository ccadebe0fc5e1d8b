/// What peeling recovered from a set difference (Eppstein et al. 2011, section 2.2).
///
/// Returned by `InvertibleBloomFilter.decode()` for `left.subtracting(right)` and by
/// `RatelessDecoder.result` (left = the remote sender, right = the local set).
/// When `isComplete` is false the difference was not fully recovered: the keys found so
/// far are correct but incomplete, and the caller must retry with a larger structure or
/// fall back to a full transfer.
public struct DecodeResult: Equatable, Sendable {
    /// Keys in the left set only (cells whose count was +1).
    public var leftOnly: [Key128]
    /// Keys in the right set only (cells whose count was -1).
    public var rightOnly: [Key128]
    /// True when every cell peeled to empty: the lists are the whole difference.
    public var isComplete: Bool

    /// A result from its parts.
    public init(leftOnly: [Key128], rightOnly: [Key128], isComplete: Bool) {
        self.leftOnly = leftOnly
        self.rightOnly = rightOnly
        self.isComplete = isComplete
    }

    /// The number of keys recovered on both sides.
    public var recoveredCount: Int { leftOnly.count + rightOnly.count }
}
