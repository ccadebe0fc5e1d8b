import OVSDB

/// Changes to a generated OVN_Southbound database, as transactions to apply through a
/// running server: what `digestsync-bench resync` applies while its clients are away
/// (`--change-fraction`), made by ``SouthboundDatabase/makeChanges(fraction:transactions:seed:)``.
///
/// Each changed row is changed by exactly one operation, so the counts are exactly the
/// rows a server reports as modified, inserted and deleted.
public struct SouthboundChanges: Sendable {
    /// How many rows of one table change, and how.
    public struct Counts: Hashable, Sendable {
        /// Rows updated in place.
        public var modified = 0
        /// Rows added.
        public var inserted = 0
        /// Rows removed.
        public var deleted = 0

        /// Counts with the given numbers.
        public init(modified: Int = 0, inserted: Int = 0, deleted: Int = 0) {
            self.modified = modified
            self.inserted = inserted
            self.deleted = deleted
        }

        /// All changed rows.
        public var total: Int { modified + inserted + deleted }
    }

    /// The transactions, each a list of operations (without the database name).
    public var transactions: [[JSON]]
    /// The changes per table.
    public var tables: [String: Counts]

    /// The changes of all tables together.
    public var counts: Counts {
        tables.values.reduce(into: Counts()) { sum, counts in
            sum.modified += counts.modified
            sum.inserted += counts.inserted
            sum.deleted += counts.deleted
        }
    }
}

extension SouthboundDatabase {
    /// Changes `fraction` of the database's rows (rounded), applies them to this model
    /// and returns them as `transactions` transactions of about equal size.
    ///
    /// Half of the changed rows are modified, a quarter inserted and a quarter deleted
    /// (the rest of an odd split goes to deletions), as a live OVN cloud changes them:
    /// VM ports move to another hypervisor or are bound or unbound (Port_Binding
    /// `chassis`, `requested_chassis`, `options`, `up`), flows change their actions,
    /// MAC bindings are relearned (`mac`, `timestamp`), hypervisors report progress
    /// (`nb_cfg`); new flows and MAC bindings appear; flows on a single datapath and MAC
    /// bindings disappear. Only rows that nothing references are deleted, and flows on
    /// a datapath group are kept, so no other row changes as a side effect. Throws if
    /// the database has too few rows of a kind for the requested changes.
    public mutating func makeChanges(fraction: Double, transactions: Int = 1,
                                     seed: UInt64) throws(WorkloadError) -> SouthboundChanges {
        guard fraction >= 0, fraction <= 1, transactions > 0 else {
            throw .tooManyChanges("the fraction must be between 0 and 1 and the transactions positive")
        }
        let total = Int((fraction * Double(totalRows)).rounded())
        var builder = ChangeBuilder(random: SplitMix64(seed: seed))
        try builder.delete(total - total / 2 - total / 4, from: &self)
        try builder.modify(total / 2, in: &self)
        try builder.insert(total / 4, into: &self)
        return builder.finish(transactions: transactions)
    }
}
