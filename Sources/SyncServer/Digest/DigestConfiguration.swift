import Digest
import NIOCore

/// How the server runs the digest resync endpoint (`digest_resync`, `digest_continue`;
/// Docs/digest-protocol.md): what `digestsync serve` sets from `--max-digest-exchanges`
/// and what tests set to exercise the bounds.
///
/// Resync work is bounded so that a reconnect storm queues instead of overloading the
/// database loop (DESIGN.md, "The reconciliation protocol"): at most
/// ``maximumExchanges`` exchanges are open at once and their views hold at most
/// ``maximumExchangeRows`` rows between them (every open exchange keeps a snapshot of its
/// view's keys, and a rateless one an encoder over them: memory in proportion to those
/// rows). A `digest_resync` beyond either bound waits, in arrival order, until an
/// exchange ends; an exchange whose client sends nothing for ``idleTimeout`` is dropped,
/// so a client that stalls mid-exchange cannot hold a slot (or the updates held back for
/// its monitor) for ever.
public struct DigestConfiguration: Sendable {
    /// Most exchanges open at once (`--max-digest-exchanges`; 16). An exchange answered
    /// at once (`in_sync`, `full`) holds its slot only while its request is handled.
    public var maximumExchanges = 16
    /// Most rows over the views of the open exchanges (20 million, about 1 GB of keys
    /// and snapshots). One exchange whose view alone is larger still runs, alone.
    public var maximumExchangeRows = 20_000_000
    /// How long an open exchange waits for the client's next step before the server
    /// forgets it (60 s); the client's late `digest_continue` then gets an error and it
    /// falls back to the ordinary monitor request.
    public var idleTimeout: TimeAmount = .seconds(60)
    /// The largest digest messages accepted from clients.
    public var limits: DigestLimits = .standard
    /// The bounds of each database's ``Digest/DigestIndex``.
    public var indexLimits: DigestIndex.Limits = .standard

    /// The defaults above.
    public init() {}
}
