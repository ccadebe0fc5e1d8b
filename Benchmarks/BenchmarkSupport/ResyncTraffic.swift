import OVSDB

/// What one client's resynchronisation cost on the wire, counted by the rules of
/// `digestsync-bench resync`: JSON-RPC payload bytes from the first resync request
/// (`digest_resync`, `monitor_cond_since` or `monitor_cond`) until the reply that
/// establishes the monitor, nothing else (no `get_schema`, `_Server` or `echo`), and
/// bytes up without the `<monitor-cond-requests>` object, which every strategy sends
/// the same.
public struct ResyncTraffic: Hashable, Sendable {
    /// Bytes received: each reply and whatever arrived between its request and it.
    public private(set) var bytesDown = 0
    /// Bytes sent, without the monitor requests object.
    public private(set) var bytesUp = 0
    /// Requests sent (each waits for its reply before the next).
    public private(set) var roundTrips = 0

    /// Nothing counted yet.
    public init() {}

    /// Counts one request and its `reply`; `requests` is the monitor requests object the
    /// request carried, if any, whose compact JSON is left out of the bytes up.
    public mutating func record(_ reply: RawReply, carrying requests: JSON? = nil) {
        record(sent: reply.sentBytes, received: reply.bytes, carrying: requests)
    }

    /// Counts one round trip of `sent` request bytes and `received` reply bytes.
    public mutating func record(sent: Int, received: Int, carrying requests: JSON? = nil) {
        bytesUp += sent - (requests.map { $0.serialized().count } ?? 0)
        bytesDown += received
        roundTrips += 1
    }
}
