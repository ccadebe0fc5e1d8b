import Digest

/// One way a client resynchronises after the server restarted, as `digestsync-bench
/// resync` compares them (`--strategies`), with the server it runs against.
public enum ResyncStrategy: String, CaseIterable, Hashable, Sendable {
    /// `digest_resync` in mode `ibf` (strata estimator, then an IBF) against `digestsync serve`.
    case digest
    /// `digest_resync` in mode `rateless` (coded symbols) against `digestsync serve`.
    case rateless
    /// Plain `monitor_cond` against `digestsync serve`: the whole view, the baseline of
    /// a full fetch.
    case full
    /// `monitor_cond_since` against Debian's standalone `ovsdb-server`, which keeps no
    /// transaction history: a full snapshot.
    case ovsdbServerStandalone = "ovsdb-server-standalone"
    /// `monitor_cond_since` against a one-member clustered `ovsdb-server`, the change
    /// committed in one transaction, so its history still holds the client's last one.
    case ovsdbServerClusteredOneTransaction = "ovsdb-server-clustered-one-txn"
    /// As above with the change spread over ``spreadTransactions`` transactions, more
    /// than the history keeps.
    case ovsdbServerClusteredSpread = "ovsdb-server-clustered-spread"

    /// Transactions an `ovsdb-server` keeps in its history: at most 100, and fewer when
    /// their atoms outnumber the database's (OVS 3.1 `ovsdb/transaction.c`,
    /// `ovsdb_txn_history_run`).
    public static let ovsdbHistoryLimit = 100
    /// The transactions of the spread strategy: half again the history limit, so
    /// the client's last transaction has left the history.
    public static let spreadTransactions = ovsdbHistoryLimit * 3 / 2

    /// True when the server is `digestsync serve`, false for `ovsdb-server`.
    public var usesDigestSync: Bool {
        switch self {
        case .digest, .rateless, .full: return true
        default: return false
        }
    }

    /// True when the `ovsdb-server` database is a one-member cluster.
    public var isClustered: Bool {
        self == .ovsdbServerClusteredOneTransaction || self == .ovsdbServerClusteredSpread
    }

    /// The digest mode, for the two digest strategies.
    public var digestMode: ResyncMode? {
        switch self {
        case .digest: return .ibf
        case .rateless: return .rateless
        default: return nil
        }
    }

    /// Transactions the change is committed in (fewer if it has fewer operations).
    public var changeTransactions: Int {
        self == .ovsdbServerClusteredSpread ? Self.spreadTransactions : 1
    }
}
