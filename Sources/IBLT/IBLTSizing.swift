/// How large an IBF must be to decode a difference of a given size with probability at
/// least 99.5%, and which `k` to use: the smallest sizes measured by
/// `digestsync-bench iblt` (20,000 trials per point up to d = 2,000, 10,000 at d = 5,000,
/// 5,000 at d = 10,000; see Papers/eppstein2011), which the Digest layer uses to size the
/// IBF of round trip 2. Small differences need many cells per key and a large `k` (two
/// keys must not share all their cells); from d = 2,000 on, `k` = 3 needs the fewest,
/// approaching Goodrich and Mitzenmacher's threshold of 1.222 cells per key.
///
/// Regenerate the table with `make papers` and read it from
/// `Papers/eppstein2011/results/iblt-thresholds.md`.
public enum IBLTSizing {
    /// One measured point: at difference `difference`, `cellCount` cells with `hashCount`
    /// hash functions decoded at least 99.5% of the trials.
    public struct Entry: Equatable, Sendable {
        /// The difference measured.
        public let difference: Int
        /// The smallest cell count that reached 99.5% there.
        public let cellCount: Int
        /// The `k` with which it did.
        public let hashCount: Int
    }

    /// The measured table, by increasing difference.
    public static let measured: [Entry] = [
        Entry(difference: 1, cellCount: 3, hashCount: 3),
        Entry(difference: 2, cellCount: 15, hashCount: 4),
        Entry(difference: 5, cellCount: 22, hashCount: 7),
        Entry(difference: 10, cellCount: 29, hashCount: 6),
        Entry(difference: 20, cellCount: 45, hashCount: 5),
        Entry(difference: 50, cellCount: 90, hashCount: 5),
        Entry(difference: 100, cellCount: 155, hashCount: 4),
        Entry(difference: 200, cellCount: 290, hashCount: 4),
        Entry(difference: 500, cellCount: 695, hashCount: 4),
        Entry(difference: 1000, cellCount: 1360, hashCount: 4),
        Entry(difference: 2000, cellCount: 2560, hashCount: 3),
        Entry(difference: 5000, cellCount: 6300, hashCount: 3),
        Entry(difference: 10000, cellCount: 12500, hashCount: 3),
    ]

    /// Cells and `k` for an IBF that decodes a difference of exactly `difference` keys with
    /// probability at least 99.5%. Between two measured differences `a < difference < b`
    /// it takes the smaller of two safe choices: `b`'s size and `k` (peeling is monotone:
    /// a filter that peels `b` keys peels any subset of them), or `a`'s cells per key
    /// (cells per key needed only fall as the difference grows) with `a`'s `k`. Above the
    /// last entry it scales the last entry's cells per key.
    public static func recommended(forDifference difference: Int) -> (cellCount: Int, hashCount: Int) {
        let wanted = max(1, difference)
        guard let above = measured.firstIndex(where: { $0.difference >= wanted }) else {
            let last = measured[measured.count - 1]
            return (scaled(last, to: wanted), last.hashCount)
        }
        let upper = measured[above]
        guard above > 0, upper.difference != wanted else { return (upper.cellCount, upper.hashCount) }
        let lower = measured[above - 1]
        let cells = scaled(lower, to: wanted)
        return cells < upper.cellCount ? (cells, lower.hashCount) : (upper.cellCount, upper.hashCount)
    }

    /// `entry`'s cells per key times `difference`, rounded up.
    private static func scaled(_ entry: Entry, to difference: Int) -> Int {
        (entry.cellCount * difference + entry.difference - 1) / entry.difference
    }

    /// The margin by which an estimated difference is multiplied before sizing. The strata
    /// estimator's 1st-percentile estimate is at least 0.73 of the true difference for
    /// every d from 100 to 100,000 (2,000 trials each, `digestsync-bench estimator`,
    /// Papers/eppstein2011), and 1 / 0.73 < 1.4: sized this way, 99% of estimates give an
    /// IBF large enough for the true difference.
    public static let estimateMargin = 1.4

    /// Cells and `k` when the difference is only estimated (by `StrataEstimator`): sized for
    /// `estimateMargin` times the estimate, so that an estimate that falls short by as
    /// much as the estimator's 1st percentile still decodes.
    public static func recommended(forEstimate estimate: Int) -> (cellCount: Int, hashCount: Int) {
        recommended(forDifference: Int((Double(max(1, estimate)) * estimateMargin).rounded(.up)))
    }
}
