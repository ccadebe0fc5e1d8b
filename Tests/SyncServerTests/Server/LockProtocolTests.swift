import Testing
@testable import OVSDB
@testable import SyncServer

/// `lock`, `steal`, `unlock` and `assert` over sessions (notes section 8).
@Suite struct LockProtocolTests {
    @Test func locksAreGrantedQueuedStolenAndHandedOver() throws {
        let server = try ServerHarness()
        let first = try server.connect()
        let second = try server.connect()
        let thief = try server.connect()
        #expect(try first.result("lock", ["mylock"]) == ["locked": true])
        #expect(try second.result("lock", ["mylock"]) == ["locked": false])
        #expect(try thief.result("steal", ["mylock"]) == ["locked": true])
        #expect(try first.receive() == [["id": nil, "method": "stolen", "params": ["mylock"]]])
        #expect(try thief.result("unlock", ["mylock"]) == [:])
        #expect(try first.receive() == [["id": nil, "method": "locked", "params": ["mylock"]]])
        try first.channel.close().wait()
        #expect(try second.receive() == [["id": nil, "method": "locked", "params": ["mylock"]]])
    }

    @Test func badLockRequestsGetOVSErrors() throws {
        let client = try ServerHarness().connect()
        _ = try client.result("lock", ["l1"])
        #expect(try client.call("lock", ["l1"]).last?["error"] == ["syntax": "[\"l1\"]", "details": "must issue \"unlock\" before new \"lock\"", "error": "syntax error"])
        #expect(try client.call("steal", ["l1"]).last?["error"] == ["syntax": "[\"l1\"]", "details": "must issue \"unlock\" before new \"steal\"", "error": "syntax error"])
        #expect(try client.call("unlock", ["l2"]).last?["error"] == ["syntax": "[\"l2\"]", "details": "unlock: \"unlock\" without \"lock\" or \"steal\"", "error": "syntax error"])
        #expect(try client.call("lock", ["bad name!"]).last?["error"] == ["syntax": "[\"bad name!\"]", "details": "lock request params must be <id>", "error": "syntax error"])
    }

    @Test func assertSucceedsOnlyForTheOwner() throws {
        let server = try ServerHarness()
        let owner = try server.connect()
        let other = try server.connect()
        _ = try owner.result("lock", ["ovn_northd"])
        _ = try other.result("lock", ["ovn_northd"])
        let assertion: JSON = ["op": "assert", "lock": "ovn_northd"]
        let insert: JSON = ["op": "insert", "table": "Child", "row": ["k": 1]]
        #expect(try owner.result("transact", ["Test", insert, assertion])[1] == [:])
        #expect(try other.result("transact", ["Test", assertion, insert]) == [["details": "Asserted lock ovn_northd not held.", "error": "not owner"], nil])
    }
}
