import Testing
@testable import OVSDB
@testable import SyncServer

/// `wait`: comparison of projected row sets, timeouts, and the blocked outcome the
/// server retries.
@Suite struct WaitTests {
    private func fixture() throws -> EngineFixture {
        var fixture = try EngineFixture()
        fixture.transact(["op": "insert", "table": "Other", "row": ["k": "x", "v": 1]])
        return fixture
    }

    private func wait(_ until: String, rows: JSON, timeout: Int64? = nil) -> JSON {
        var wait: JSONObject = ["op": "wait", "table": "Other", "where": [], "columns": ["k"], "until": .string(until), "rows": rows]
        if let timeout { wait["timeout"] = .integer(timeout) }
        return .object(wait)
    }

    @Test func satisfiedWaitsAnswerAnEmptyObject() throws {
        var fixture = try fixture()
        #expect(fixture.transact(wait("==", rows: [["k": "x"], ["k": "x"]])) == [[:]])
        #expect(fixture.transact(wait("!=", rows: [["k": "y"]])) == [[:]])
    }

    @Test func unsatisfiedWaitsTimeOutOrBlock() throws {
        var fixture = try fixture()
        #expect(fixture.transact(wait("==", rows: [], timeout: 0)) == [["error": "timed out", "details": #""where" clause test failed"#]])
        let blocked = fixture.outcome([wait("==", rows: [], timeout: 300), wait("==", rows: [], timeout: 100)])
        guard case .blocked(let timeout, let reply) = blocked else { Issue.record("\(blocked.reply)"); return }
        #expect(timeout == 300)
        #expect(reply == [["error": "not supported", "details": "triggers not supported"], nil])
        guard case .blocked(nil, _) = fixture.outcome([wait("!=", rows: [["k": "x"]])]) else { Issue.record("expected blocked"); return }
        fixture.options.elapsedMilliseconds = 301
        #expect(fixture.transact(wait("==", rows: [], timeout: 300)) == [["error": "timed out", "details": #""wait" timed out after 301 ms"#]])
    }

    @Test func waitChecksItsMembers() throws {
        var fixture = try fixture()
        #expect(fixture.transact(wait("<", rows: [])) == [["error": "syntax error", "details": #""until" must be "==" or "!=""#, "syntax": #""<""#]])
        #expect(fixture.transact(wait("==", rows: [], timeout: -1)) == [["error": "syntax error", "details": "timeout must be nonnegative", "syntax": "-1"]])
        #expect(fixture.transact(["op": "wait", "table": "Other", "where": [], "until": "==", "timeout": 0])[0]?["details"]
                == "Parsing ovsdb operation 1 of 1 failed: Required 'rows' member is missing.")
    }
}
