import BenchmarkSupport
import Testing
@testable import SyncServer

/// The lock queues of `lock`/`steal`/`unlock` (notes section 8, OVS's
/// `ovsdb/server.c`), by scenario and against a reference model.
@Suite struct LockTableTests {
    private let a = SessionID(number: 1)
    private let b = SessionID(number: 2)
    private let c = SessionID(number: 3)

    @Test func lockGoesToTheFirstWaiterAndPassesOnUnlock() {
        var locks = LockTable()
        #expect(locks.lock("x", for: a, mode: .wait) == (true, nil))
        #expect(locks.lock("x", for: b, mode: .wait) == (false, nil))
        #expect(locks.owner(of: "x") == a)
        #expect(locks.unlock("x", for: a) == b)
        #expect(locks.locks(ownedBy: b) == ["x"])
        #expect(locks.unlock("x", for: b) == nil)
        #expect(locks.owner(of: "x") == nil)
    }

    @Test func aStolenLockReturnsToAQueuedLockerWhenTheStealerUnlocks() {
        var locks = LockTable()
        _ = locks.lock("x", for: a, mode: .wait)
        #expect(locks.lock("x", for: c, mode: .steal) == (true, a))
        #expect(locks.locks(ownedBy: a).isEmpty)
        #expect(locks.hasWaiter(a, for: "x"))
        #expect(locks.unlock("x", for: c) == a)
    }

    @Test func aStealerLosingTheLockLeavesTheQueueButKeepsItsWaiter() {
        var locks = LockTable()
        _ = locks.lock("x", for: a, mode: .steal)
        #expect(locks.lock("x", for: b, mode: .steal) == (true, a))
        #expect(locks.hasWaiter(a, for: "x"))
        #expect(locks.unlock("x", for: b) == nil)
        #expect(locks.owner(of: "x") == nil)
        #expect(locks.unlock("x", for: a) == nil)
        #expect(!locks.hasWaiter(a, for: "x"))
    }

    @Test func unlockingAQueuedWaiterChangesNoOwner() {
        var locks = LockTable()
        _ = locks.lock("x", for: a, mode: .wait)
        _ = locks.lock("x", for: b, mode: .wait)
        #expect(locks.unlock("x", for: b) == nil)
        #expect(locks.owner(of: "x") == a)
    }

    @Test func releasingASessionHandsEachOwnedLockOn() {
        var locks = LockTable()
        _ = locks.lock("x", for: a, mode: .wait)
        _ = locks.lock("y", for: a, mode: .wait)
        _ = locks.lock("x", for: b, mode: .wait)
        _ = locks.lock("y", for: c, mode: .wait)
        let handovers = locks.release(a)
        #expect(handovers.map(\.name) == ["x", "y"])
        #expect(handovers.map(\.owner) == [b, c])
        #expect(!locks.hasWaiter(a, for: "x"))
    }

    /// A reference queue per lock, as OVS keeps it, under random operations.
    @Test func randomOperationsMatchAReferenceQueue() {
        var generator = SplitMix64(seed: 11)
        let sessions = (1...4).map { SessionID(number: $0) }
        var locks = LockTable()
        var queue: [(SessionID, LockTable.Mode)] = []
        var holders: Set<SessionID> = []
        for _ in 0..<2000 {
            let session = sessions[Int(generator.next() % 4)]
            if holders.contains(session) {
                let index = queue.firstIndex { $0.0 == session }
                let expected = index == 0 ? queue.dropFirst().first?.0 : nil
                #expect(locks.unlock("x", for: session) == expected)
                if let index { queue.remove(at: index) }
                holders.remove(session)
            } else {
                let mode: LockTable.Mode = generator.next() % 2 == 0 ? .wait : .steal
                let victim = mode == .steal ? queue.first : nil
                if mode == .steal {
                    queue.insert((session, mode), at: 0)
                    if case .steal? = victim?.1 { queue.remove(at: 1) }
                } else {
                    queue.append((session, mode))
                }
                let result = locks.lock("x", for: session, mode: mode)
                #expect(result.locked == (queue.first?.0 == session))
                #expect(result.victim == victim?.0)
                holders.insert(session)
            }
            #expect(locks.owner(of: "x") == queue.first?.0)
        }
    }
}
