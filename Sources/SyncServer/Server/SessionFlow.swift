import Synchronization

/// Inbound back-pressure for one session: how many of its messages were handed to the
/// database loop and not yet handled, shared by the session's channel (which stops
/// reading above ``limit``) and the database loop (which asks it to read again once
/// the count has dropped to half).
///
/// Without it a client that writes requests faster than the database loop answers them
/// would grow the loop's task queue without bound.
final class SessionFlow: Sendable {
    /// The most messages in flight before the channel stops reading.
    let limit: Int
    private let inFlight = Atomic<Int>(0)
    private let paused = Atomic<Bool>(false)

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// The channel handed a message to the database loop.
    func submitted() {
        inFlight.add(1, ordering: .sequentiallyConsistent)
    }

    /// The channel wants to read: returns false, and marks the flow paused, while too
    /// many messages are in flight. The database loop then resumes it
    /// (``handled()`` returns true).
    func mayRead() -> Bool {
        guard inFlight.load(ordering: .sequentiallyConsistent) > limit else { return true }
        paused.store(true, ordering: .sequentiallyConsistent)
        guard inFlight.load(ordering: .sequentiallyConsistent) > limit else {
            paused.store(false, ordering: .sequentiallyConsistent)
            return true
        }
        return false
    }

    /// The database loop handled a message: returns true if the channel paused and may
    /// now read again.
    func handled() -> Bool {
        let remaining = inFlight.subtract(1, ordering: .sequentiallyConsistent).newValue
        guard remaining <= limit / 2 else { return false }
        return paused.exchange(false, ordering: .sequentiallyConsistent)
    }
}
