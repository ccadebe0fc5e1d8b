import NIOCore
import Testing
@testable import OVSDB
@testable import SyncServer

/// `transact` requests blocked on `wait` (notes section 2.7 and 2.12): retried after
/// commits, failed at their timeout, cancelled.
@Suite struct TriggerTests {
    private static let waitForRow: JSON = ["op": "wait", "table": "Child", "where": [["k", "==", 7]], "columns": ["k"],
                                           "until": "==", "rows": [["k": 7]]]

    private static func waitFor(timeout: Int64?) -> JSON {
        var operation = waitForRow.objectValue ?? [:]
        if let timeout { operation["timeout"] = .integer(timeout) }
        return .object(operation)
    }

    @Test func aBlockedTransactionCompletesWhenAnotherClientCommitsWhatItWaitsFor() throws {
        let server = try ServerHarness()
        let waiter = try server.connect()
        let other = try server.connect()
        let id = try waiter.request("transact", ["Test", Self.waitFor(timeout: nil), ["op": "insert", "table": "Child", "row": ["k": 8]]])
        #expect(try waiter.receive().isEmpty)
        #expect(try waiter.result("echo", ["later requests are answered"]) == ["later requests are answered"])
        _ = try other.transact(["op": "insert", "table": "Child", "row": ["k": 7]])
        let reply = try waiter.receive()
        #expect(reply.count == 1 && reply[0]["id"] == id)
        #expect(reply[0]["result"]?[0] == [:] && reply[0]["result"]?[1]?["uuid"] != nil)
    }

    @Test func aBlockedTransactionTimesOutAfterItsTimeout() throws {
        let server = try ServerHarness()
        let waiter = try server.connect()
        let id = try waiter.request("transact", ["Test", Self.waitFor(timeout: 1000)])
        server.loop.advanceTime(by: .milliseconds(999))
        #expect(try waiter.receive().isEmpty)
        server.loop.advanceTime(by: .milliseconds(1))
        #expect(try waiter.receive() == [["id": id, "result": [["details": "\"wait\" timed out after 1000 ms", "error": "timed out"]], "error": nil]])
        let immediate = try waiter.result("transact", ["Test", Self.waitFor(timeout: 0)])
        #expect(immediate == [["details": "\"where\" clause test failed", "error": "timed out"]])
    }

    @Test func cancelAnswersOnlyChangeAwareSessions() throws {
        let server = try ServerHarness()
        let plain = try server.connect()
        let aware = try server.connect()
        _ = try aware.result("set_db_change_aware", [true])
        _ = try plain.request("transact", ["Test", Self.waitFor(timeout: nil)])
        try plain.send(raw: #"{"method":"cancel","params":[1]}"#)
        #expect(try plain.receive().isEmpty)
        let id = try aware.request("transact", ["Test", Self.waitFor(timeout: nil)])
        try aware.send(raw: #"{"method":"cancel","params":[\#(id)]}"#)
        #expect(try aware.receive() == [["id": id, "error": "canceled"]])
        #expect(server.core.triggers.isEmpty)
    }

    @Test func aRepeatedIdOfABlockedRequestIsRefused() throws {
        let server = try ServerHarness()
        let client = try server.connect()
        try client.send(raw: JSON.object(["id": "w", "method": "transact", "params": ["Test", Self.waitFor(timeout: nil)]]).description)
        try client.send(raw: #"{"id":"w","method":"transact","params":["Test",{"op":"comment","comment":"x"}]}"#)
        #expect(try client.receive() == [["id": "w", "error": ["syntax": "[\"Test\",{\"comment\":\"x\",\"op\":\"comment\"}]",
                                                              "details": "transact: duplicate request ID", "error": "syntax error"]]])
        try client.channel.close().wait()
        client.settle()
        #expect(server.core.triggers.isEmpty)
    }
}
