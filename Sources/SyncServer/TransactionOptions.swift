/// What the session running a transaction brings to it (OVS's `ovsdb_execute()`
/// arguments besides the request).
public struct TransactionOptions: Sendable {
    /// The locks the session owns, for `assert` (RFC 7047 section 5.2.10). Offline tools
    /// own none, so every `assert` fails with "not owner", as in `ovsdb-tool`.
    public var locksHeld: Set<String>
    /// Milliseconds since the request first ran: 0 on the first attempt, more when the
    /// server retries a transaction whose `wait` blocked. A `wait` whose `timeout` is at
    /// most this fails with "timed out".
    public var elapsedMilliseconds: Int64
    /// True for a server started read-only: operations that write fail with "not allowed".
    public var isReadOnly: Bool

    /// Options for a session owning `locksHeld`, `elapsedMilliseconds` after the
    /// request's first attempt.
    public init(locksHeld: Set<String> = [], elapsedMilliseconds: Int64 = 0, isReadOnly: Bool = false) {
        self.locksHeld = locksHeld
        self.elapsedMilliseconds = elapsedMilliseconds
        self.isReadOnly = isReadOnly
    }
}
