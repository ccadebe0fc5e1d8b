import OVSDB

/// The result of running a `transact` request (RFC 7047 section 4.1.3) with
/// ``TransactionExecutor``.
public enum TransactionOutcome: Sendable {
    /// Every operation succeeded and the commit checks passed. `reply` is the result
    /// array; the caller stores `transaction.changes` (unless empty), appending an "I/O
    /// error" object to the reply if that fails, and then makes
    /// `transaction.database` current.
    case committed(reply: JSON, transaction: CommittedTransaction)
    /// The transaction failed and changed nothing. `reply` is the result array (the
    /// failed operation's error followed by nulls, or all results plus the commit error),
    /// or, for a malformed request, a single error object.
    case failed(reply: JSON)
    /// A `wait` operation is not satisfied yet. A server parks the request and runs it
    /// again after each commit and once `timeoutMilliseconds` (the smallest `timeout` of
    /// the wait operations parsed; nil for none) have passed since the first attempt,
    /// passing the elapsed time in ``TransactionOptions/elapsedMilliseconds``. `reply`
    /// is what a tool without triggers answers instead, as `ovsdb-tool` does: the wait's
    /// "not supported" error followed by nulls.
    case blocked(timeoutMilliseconds: Int64?, reply: JSON)

    /// The reply to send (for ``blocked(timeoutMilliseconds:reply:)``, the offline reply).
    public var reply: JSON {
        switch self {
        case .committed(let reply, _), .failed(let reply), .blocked(_, let reply): return reply
        }
    }
}
