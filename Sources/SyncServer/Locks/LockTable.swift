/// The server-wide named locks of `lock`, `steal` and `unlock` (RFC 7047 section
/// 4.1.8-4.1.10; OVS's `ovsdb/server.c`): per name a queue of waiting sessions whose
/// head owns the lock.
///
/// `lock` joins the tail; `steal` joins the head and takes the lock from the owner,
/// which stays queued behind it if it had used `lock`, and is dropped from the queue
/// if it had itself stolen the lock. A session keeps its waiter (queued or dropped by
/// a steal) until it unlocks or closes, and must unlock before locking the same name
/// again. Lives on the database loop.
struct LockTable {
    /// How a session asked for a lock.
    enum Mode: Sendable {
        /// `lock`: wait in line.
        case wait
        /// `steal`: take it now.
        case steal
    }

    private struct Waiter {
        var session: SessionID
        var mode: Mode
    }

    private var queues: [String: [Waiter]] = [:]
    /// For each session, the names it has a waiter for.
    private var waiters: [SessionID: Set<String>] = [:]

    /// True if `session` has a waiter for `name` (it owns the lock, waits for it, or
    /// lost it to a steal and has not unlocked).
    func hasWaiter(_ session: SessionID, for name: String) -> Bool {
        waiters[session]?.contains(name) ?? false
    }

    /// The session that owns `name`, if any.
    func owner(of name: String) -> SessionID? {
        queues[name]?.first?.session
    }

    /// The locks `session` owns: what an `assert` operation checks.
    func locks(ownedBy session: SessionID) -> Set<String> {
        (waiters[session] ?? []).filter { owner(of: $0) == session }
    }

    /// Adds a waiter for `name` (the caller has checked ``hasWaiter(_:for:)``). Returns
    /// whether `session` now owns the lock, and for a steal the previous owner, which
    /// must be told its lock was stolen.
    mutating func lock(_ name: String, for session: SessionID, mode: Mode) -> (locked: Bool, victim: SessionID?) {
        var queue = queues[name] ?? []
        let victim = mode == .steal ? queue.first : nil
        if mode == .steal {
            queue.insert(Waiter(session: session, mode: mode), at: 0)
            if victim?.mode == .steal { queue.remove(at: 1) }
        } else {
            queue.append(Waiter(session: session, mode: mode))
        }
        queues[name] = queue
        waiters[session, default: []].insert(name)
        return (queue.first?.session == session, victim?.session)
    }

    /// Removes `session`'s waiter for `name`. Returns the session that became the owner
    /// because `session` owned the lock and gave it up, which must be told.
    mutating func unlock(_ name: String, for session: SessionID) -> SessionID? {
        waiters[session]?.remove(name)
        if waiters[session]?.isEmpty == true { waiters[session] = nil }
        guard var queue = queues[name], let position = queue.firstIndex(where: { $0.session == session }) else {
            return nil
        }
        queue.remove(at: position)
        queues[name] = queue.isEmpty ? nil : queue
        return position == 0 ? queue.first?.session : nil
    }

    /// Removes every waiter of `session` (it closed). Returns, per lock that changed
    /// hands, the new owner.
    mutating func release(_ session: SessionID) -> [(name: String, owner: SessionID)] {
        var handovers: [(name: String, owner: SessionID)] = []
        for name in (waiters[session] ?? []).sorted() {
            if let owner = unlock(name, for: session) { handovers.append((name, owner)) }
        }
        return handovers
    }
}
