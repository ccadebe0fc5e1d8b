/// How long the client waits between connection attempts: Open vSwitch's reconnect
/// rules (`lib/reconnect.c`, server-client.md section 10.6) plus jitter.
///
/// - With several remotes, the first `remotes - 1` attempts after a connection is lost
///   go at once (OVS's "backoff-free tries"), so a dead server is skipped quickly.
/// - After a connection that reached the monitoring state, the next wait is `minimum`.
/// - After each failed attempt the wait doubles, up to `maximum`.
/// - Each wait is shortened by a random share of up to `jitter` (0.25: between 75% and
///   100% of it), so that hundreds of clients that lost the same server do not all come
///   back in the same instant. OVS has no jitter.
public struct BackoffPolicy: Hashable, Sendable {
    /// The first wait, and the wait after a good connection (OVS: 1 s).
    public var minimum: Duration
    /// The longest wait (OVS: 8 s).
    public var maximum: Duration
    /// The largest share of a wait that jitter removes, from 0 to 1.
    public var jitter: Double

    /// A policy from its parts; `maximum` is raised to `minimum` if smaller and `jitter`
    /// is clamped to 0...1.
    public init(minimum: Duration = .seconds(1), maximum: Duration = .seconds(8), jitter: Double = 0.25) {
        self.minimum = minimum
        self.maximum = max(minimum, maximum)
        self.jitter = min(1, max(0, jitter))
    }

    /// OVS's waits (1 s, doubling to 8 s) with 25% jitter.
    public static let standard = BackoffPolicy()
}

/// The state of the reconnect rules of ``BackoffPolicy`` for one client.
struct Backoff {
    let policy: BackoffPolicy
    let remoteCount: Int
    private var current: Duration = .zero
    private var freeTries: Int

    init(policy: BackoffPolicy, remoteCount: Int) {
        self.policy = policy
        self.remoteCount = max(1, remoteCount)
        freeTries = self.remoteCount
    }

    /// A connection reached the monitoring state: the next loss waits the minimum, after
    /// the free tries of the other remotes.
    mutating func succeeded() {
        current = .zero
        freeTries = remoteCount
    }

    /// The wait before the next attempt, after a lost connection or a failed attempt;
    /// `random` is uniform in 0..<1 and picks the jitter.
    mutating func nextDelay(random: Double) -> Duration {
        if freeTries > 1 {
            freeTries -= 1
            return .zero
        }
        if current < policy.minimum {
            current = policy.minimum
        } else {
            current = min(policy.maximum, current * 2)
        }
        return current * (1 - policy.jitter * random)
    }
}
