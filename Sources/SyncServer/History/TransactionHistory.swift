import DequeModule
import OVSDB

/// The recent committed transactions of one database, by id: what lets
/// `monitor_cond_since` (ovsdb-server(7) 4.1.15) answer a reconnecting client with only
/// the changes it missed.
///
/// Bounded as OVS bounds its history (`ovsdb_txn_history_run()`): at most
/// ``maxTransactions`` transactions, and fewer while the atoms they changed outnumber
/// the atoms of the whole database, so the history never costs more memory than the
/// data. Only the ids matter for the oldest transaction (a client that holds it needs
/// the changes *after* it), so its changes are dropped. Transactions that changed
/// nothing are never added. DigestSync keeps a history for standalone databases too,
/// and rebuilds it from the last log records on restart (see ``TransactionID``).
struct TransactionHistory: Sendable {
    /// One transaction.
    struct Entry: Sendable {
        /// Its id, as `update3` and `monitor_cond_since` carry it.
        let id: OVSDBUUID
        /// What it changed; nil for the oldest entry.
        var changes: ChangeSet?
        /// How many atoms it changed.
        let atoms: Int
    }

    /// The most transactions kept (OVS: 100).
    let maxTransactions: Int
    /// The transactions, oldest first.
    private(set) var entries: Deque<Entry> = []
    /// The atoms changed by every entry but the oldest.
    private(set) var historyAtoms = 0

    /// An empty history.
    init(maxTransactions: Int = 100) {
        self.maxTransactions = max(1, maxTransactions)
    }

    /// The id of the newest transaction, or the zero UUID when there is none.
    var latestID: OVSDBUUID { entries.last?.id ?? .zero }

    /// Records the transaction `id` that made `changes`, then drops the oldest
    /// transactions beyond the bounds, for a database now holding `databaseAtoms` atoms.
    mutating func append(id: OVSDBUUID, changes: ChangeSet, databaseAtoms: Int) {
        if entries.isEmpty {
            entries.append(Entry(id: id, changes: nil, atoms: 0))
            return
        }
        let atoms = Self.atoms(of: changes)
        entries.append(Entry(id: id, changes: changes, atoms: atoms))
        historyAtoms += atoms
        while entries.count > 1 && (entries.count > maxTransactions || historyAtoms > databaseAtoms) {
            entries.removeFirst()
            historyAtoms -= entries[0].atoms
            entries[0].changes = nil
        }
    }

    /// The changes of every transaction after `id`, oldest first: empty if `id` is the
    /// newest, nil if `id` is not in the history (the client needs a full snapshot).
    func changes(after id: OVSDBUUID) -> [ChangeSet]? {
        guard let position = entries.lastIndex(where: { $0.id == id }) else { return nil }
        return entries[(position + 1)...].compactMap(\.changes)
    }

    /// The atoms of every user column of every row of `database` (OVS's
    /// `ovsdb_get_memory_usage()` "atoms").
    static func atoms(in database: Database) -> Int {
        database.tables.reduce(0) { total, table in
            table.rows.values.reduce(total) { $0 + atoms(of: $1) }
        }
    }

    /// The atoms a transaction changed: for each row, the columns it changed counted in
    /// the old and the new value (all columns of an inserted or deleted row).
    static func atoms(of changes: ChangeSet) -> Int {
        var total = 0
        for table in changes.tables {
            for change in table.rows {
                switch (change.old, change.new) {
                case (let old?, let new?):
                    for index in 2..<old.values.count where old.values[index] != new.values[index] {
                        total += old.values[index].count + new.values[index].count
                    }
                case (let old?, nil): total += atoms(of: old)
                case (nil, let new?): total += atoms(of: new)
                case (nil, nil): break
                }
            }
        }
        return total
    }

    /// How many atoms `changes` added to the database (negative if it removed more).
    static func atomDelta(of changes: ChangeSet) -> Int {
        changes.tables.reduce(0) { total, table in
            table.rows.reduce(total) { $0 + ($1.new.map(atoms(of:)) ?? 0) - ($1.old.map(atoms(of:)) ?? 0) }
        }
    }

    private static func atoms(of row: Row) -> Int {
        row.values.dropFirst(2).reduce(0) { $0 + $1.count }
    }
}
