import Testing
@testable import OVSDB
@testable import SyncServer

/// The request envelope and the operation loop (OVS's `ovsdb_execute_compose()`).
@Suite struct TransactEnvelopeTests {
    private func run(_ params: JSON) throws -> JSON {
        TransactionExecutor.execute(params, on: Database(schema: try TestSchema.schema)).reply
    }

    @Test func malformedRequestsAnswerOneErrorObject() throws {
        #expect(try run(["a": 1]) == ["error": "syntax error", "details": "array expected", "syntax": #"{"a":1}"#])
        #expect(try run([]) == ["error": "syntax error", "details": "database name expected as first parameter", "syntax": "[]"])
        #expect(try run(["X"]) == ["error": "syntax error", "details": "database name expected as first parameter", "syntax": #"["X"]"#])
        #expect(try run(["T"]) == [])
    }

    @Test func operationParseErrorsNameTheOperationAndMember() throws {
        #expect(try run(["T", 1]) == [["error": "syntax error", "details": "Parsing ovsdb operation 1 of 1 failed: Object expected."]])
        #expect(try run(["T", ["table": "Root"]])[0]?["details"] == "Parsing ovsdb operation 1 of 1 failed: Required 'op' member is missing.")
        #expect(try run(["T", ["op": "no such"]])[0]?["details"] == "Parsing ovsdb operation 1 of 1 failed: Type mismatch for member 'op'.")
        #expect(try run(["T", ["op": "frobnicate"]])[0]?["details"] == #"Parsing ovsdb operation 1 of 1 failed: No operation "frobnicate""#)
        #expect(try run(["T", ["op": "delete"]])[0]?["details"] == "Parsing ovsdb operation 1 of 1 failed: Required 'where' member is missing.")
        #expect(try run(["T", ["op": "commit"]])[0]?["details"] == "Parsing ovsdb operation 1 of 1 failed: Required 'durable' member is missing.")
        let reply = try run(["T", ["op": "insert", "table": "Nope", "row": [:]], ["op": "comment", "comment": "x"], ["op": "abort"]])
        #expect(reply == [["error": "syntax error", "details": "Parsing ovsdb operation 1 of 3 failed: No table named Nope.",
                           "syntax": #"{"op":"insert","row":{},"table":"Nope"}"#], nil, nil])
    }

    @Test func leftoverMembersFailEvenASuccessfulOperation() throws {
        let reply = try run(["T", ["op": "insert", "table": "Other", "row": ["k": "zz"], "foo": 1]])
        #expect(reply[0]?["details"] == "Parsing ovsdb operation 1 of 1 failed: Member 'foo' is present but not allowed here.")
        let overridden = try run(["T", ["op": "insert", "table": "Other", "row": ["nope": 1], "foo": 1]])
        #expect(overridden[0]?["error"] == "syntax error")
    }

    @Test func anOperationErrorIsFollowedByNulls() throws {
        let reply = try run(["T", ["op": "insert", "table": "Other", "row": ["k": "ab"]], ["op": "abort"], ["op": "select", "table": "Other", "where": []]])
        #expect(reply[1] == ["error": "aborted", "details": "aborted by request"])
        #expect(reply[2] == .null)
        #expect(reply[0]?["uuid"]?[0] == "uuid")
    }

    @Test func aCommitErrorIsAnExtraElementAfterAllResults() throws {
        var fixture = try EngineFixture()
        let reply = fixture.transact(["op": "insert", "table": "Other", "row": ["k": "a", "v": 1]],
                                     ["op": "insert", "table": "Other", "row": ["k": "a", "v": 1]])
        #expect(reply.arrayValue?.count == 3)
        #expect(reply[2]?["error"] == "constraint violation")
        #expect(fixture.database.table(named: "Other")?.count == 0)
    }

    @Test func readOnlyServersRejectWritesButNotReads() throws {
        var fixture = try EngineFixture()
        fixture.options.isReadOnly = true
        #expect(fixture.transact(["op": "insert", "table": "Other", "row": [:]])
                == [["error": "not allowed", "details": "insert operation not allowed when database server is in read only mode"]])
        #expect(fixture.transact(["op": "select", "table": "Other", "where": []]) == [["rows": []]])
    }

    @Test func reservedDatabasesRejectWrites() {
        let reply = TransactionExecutor.execute(["_Server", ["op": "delete", "table": "Database", "where": []]], on: Database(schema: .server)).reply
        #expect(reply == [["error": "not allowed", "details": "delete operation not allowed on table in reserved database _Server"]])
    }

    @Test func assertNeedsTheLockAndCommentsJoinWithNewlines() throws {
        var fixture = try EngineFixture()
        #expect(fixture.transact(["op": "assert", "lock": "l"]) == [["error": "not owner", "details": "Asserted lock l not held."]])
        fixture.options.locksHeld = ["l"]
        let outcome = fixture.outcome([["op": "assert", "lock": "l"], ["op": "comment", "comment": "hello"], ["op": "comment", "comment": "world"],
                                       ["op": "commit", "durable": true], ["op": "insert", "table": "Other", "row": ["k": "c"]]])
        guard case .committed(let reply, let committed) = outcome else {
            Issue.record("not committed: \(outcome.reply)")
            return
        }
        #expect(reply[0] == [:] && reply[1] == [:] && reply[3] == [:])
        #expect(committed.changes.comment == "hello\nworld")
        #expect(committed.changes.isDurable)
    }
}
