import Testing
@testable import OVSDB
@testable import SyncServer

/// insert, select, update and delete, with OVS 3.1.0's replies and errors.
@Suite struct OperationTests {
    @Test func insertReturnsTheRowUUIDAndHonoursAnExplicitOne() throws {
        var fixture = try EngineFixture()
        let reply = fixture.transact(["op": "insert", "table": "Other", "uuid": .string(EngineFixture.uuid(1).uppercased()), "row": ["k": "a"]])
        #expect(reply == [["uuid": EngineFixture.ref(1)]])
        #expect(fixture.transact(["op": "insert", "table": "Other", "uuid": "xyz", "row": [:]])
                == [["error": "syntax error", "details": "bad uuid", "syntax": #""xyz""#]])
        #expect(fixture.transact(["op": "insert", "table": "Other", "uuid": .string(EngineFixture.uuid(1)), "row": [:]])[0]?["error"] == "duplicate uuid")
        // The same UUID in another table is fine; inserted-then-deleted UUIDs may be reused.
        #expect(EngineFixture.tags(fixture.transact(["op": "insert", "table": "Enum", "uuid": .string(EngineFixture.uuid(1)), "row": ["e": "a"]])) == [nil])
        let reuse = fixture.transact(["op": "insert", "table": "Other", "uuid": .string(EngineFixture.uuid(2)), "row": [:]],
                                     ["op": "delete", "table": "Other", "where": [["_uuid", "==", EngineFixture.ref(2)]]],
                                     ["op": "insert", "table": "Other", "uuid": .string(EngineFixture.uuid(2)), "row": [:]])
        #expect(EngineFixture.tags(reuse) == [nil, nil, nil])
        let deleted = fixture.transact(["op": "delete", "table": "Other", "where": [["_uuid", "==", EngineFixture.ref(1)]]],
                                       ["op": "insert", "table": "Other", "uuid": .string(EngineFixture.uuid(1)), "row": [:]])
        #expect(EngineFixture.tags(deleted) == [nil, "duplicate uuid"])
    }

    @Test func uuidNamesResolveForwardAndBackwardAndMayNotRepeat() throws {
        var fixture = try EngineFixture()
        let reply = fixture.transact(
            ["op": "insert", "table": "Root", "row": ["name": "r", "child": ["named-uuid", "kid"]]],
            ["op": "insert", "table": "Child", "uuid-name": "kid", "row": ["n": 1]],
            ["op": "insert", "table": "Root", "row": ["name": "s", "child": ["named-uuid", "kid"]]])
        #expect(EngineFixture.tags(reply) == [nil, nil, nil])
        let kid = try #require(reply[1]?["uuid"])
        #expect(fixture.rows("Root", ["child"]) == [["child": kid]])
        #expect(fixture.transact(["op": "insert", "table": "Child", "uuid-name": "a", "row": [:]],
                                 ["op": "insert", "table": "Child", "uuid-name": "a", "row": [:]])[1]
                == ["error": "duplicate uuid-name", "details": "This \"uuid-name\" appeared on an earlier \"insert\" operation.", "syntax": #""a""#])
        #expect(fixture.transact(["op": "insert", "table": "Child", "uuid-name": "1a", "row": [:]])[0]?["details"]
                == "Parsing ovsdb operation 1 of 1 failed: Type mismatch for member 'uuid-name'.")
    }

    @Test func insertChecksValuesAndDefaults() throws {
        var fixture = try EngineFixture()
        #expect(fixture.transact(["op": "insert", "table": "Other", "row": ["v": "str"]])
                == [["error": "syntax error", "details": "expected integer", "syntax": #""str""#]])
        #expect(fixture.transact(["op": "insert", "table": "Other", "row": ["nope": 1]])
                == [["error": "unknown column", "details": "No column nope in table Other.", "syntax": #"{"nope":1}"#]])
        #expect(fixture.transact(["op": "insert", "table": "Root", "row": ["s3": ["set", ["a", "b", "c", "d"]]]])
                == [["error": "syntax error", "details": "set must have 0 to 3 members but 4 are present", "syntax": #"["set",["a","b","c","d"]]"#]])
        #expect(fixture.transact(["op": "insert", "table": "Root", "row": ["si": ["set", [1, 1]]]])
                == [["error": "ovsdb error", "details": "set contains duplicate"]])
        #expect(fixture.transact(["op": "insert", "table": "Root", "row": ["i": 5000]])
                == [["error": "constraint violation", "details": "5000 is not in the valid range -10 to 1000 (inclusive)"]])
        #expect(fixture.transact(["op": "insert", "table": "Enum", "row": ["x": 1]])
                == [["error": "constraint violation", "details": #""" is not one of the allowed values ([a, b, c])"#]])
        #expect(fixture.transact(["op": "insert", "table": "Enum", "row": ["e": "b", "text": "é"]])
                == [["error": "constraint violation", "details": #""é" length 1 is less than minimum allowed length 2"#]])
        #expect(fixture.database.rowCount == 0)
    }

    @Test func selectProjectsDeduplicatesSortsAndSeesTheTransaction() throws {
        var fixture = try EngineFixture()
        fixture.transact(["op": "insert", "table": "Other", "row": ["k": "b", "v": 1]],
                         ["op": "insert", "table": "Other", "row": ["k": "a", "v": 1]],
                         ["op": "insert", "table": "Other", "row": ["k": "c", "v": 2]])
        #expect(fixture.transact(["op": "select", "table": "Other", "where": [["v", "==", 1]], "columns": ["v"]]) == [["rows": [["v": 1]]]])
        #expect(fixture.transact(["op": "select", "table": "Other", "where": [], "columns": ["k"], "sort": ["k"]])
                == [["rows": [["k": "a"], ["k": "b"], ["k": "c"]]]])
        #expect(fixture.transact(["op": "select", "table": "Other", "where": [["v", ">", 5]], "columns": []]) == [["rows": []]])
        #expect(fixture.transact(["op": "select", "table": "Other", "where": [], "columns": []]) == [["rows": [[:]]]])
        #expect(fixture.transact(["op": "select", "table": "Other", "where": [], "columns": ["k", "nope"]])
                == [["error": "syntax error", "details": "nope is not a valid column name", "syntax": #"["k","nope"]"#]])
        #expect(fixture.transact(["op": "select", "table": "Other", "where": [], "columns": ["k", "k"]])[0]?["details"]
                == "array of distinct column names expected")
        let own = fixture.transact(["op": "delete", "table": "Other", "where": [["k", "==", "a"]]],
                                   ["op": "insert", "table": "Other", "row": ["k": "d"]],
                                   ["op": "select", "table": "Other", "where": [], "columns": ["k"], "sort": ["k"]])
        #expect(own[2] == ["rows": [["k": "b"], ["k": "c"], ["k": "d"]]])
        let all = fixture.transact(["op": "select", "table": "Other", "where": [["k", "==", "b"]]])
        #expect(all[0]?["rows"]?[0]?["_version"]?[0] == "uuid")
    }

    @Test func updateCountsMatchesAndRejectsImmutableColumnsFirst() throws {
        var fixture = try EngineFixture()
        fixture.transact(["op": "insert", "table": "Root", "row": ["name": "x", "imm": "fixed", "i": 1]])
        let update: JSON = ["op": "update", "table": "Root", "where": [["name", "==", "zzz"]], "row": ["imm": "x"]]
        #expect(fixture.transact(update) == [["error": "constraint violation", "details": "Cannot update immutable column imm in table Root.",
                                              "syntax": #"{"op":"update","row":{"imm":"x"},"table":"Root","where":[["name","==","zzz"]]}"#]])
        #expect(fixture.transact(["op": "update", "table": "Root", "where": [], "row": ["imm": "x", "i": "bad"]])[0]?["details"] == "expected integer")
        #expect(fixture.transact(["op": "update", "table": "Root", "where": [], "row": ["_uuid": EngineFixture.ref(3)]])[0]?["details"]
                == "Cannot update immutable column _uuid in table Root.")
        let version = fixture.rows("Root", ["_version"])
        let unchanged = fixture.outcome([["op": "update", "table": "Root", "where": [], "row": ["i": 1]]])
        guard case .committed(let reply, let committed) = unchanged else { Issue.record("\(unchanged.reply)"); return }
        #expect(reply == [["count": 1]])
        #expect(committed.changes.isEmpty)
        #expect(fixture.rows("Root", ["_version"]) == version)
        #expect(fixture.transact(["op": "update", "table": "Root", "where": [], "row": ["i": 2]]) == [["count": 1]])
        #expect(fixture.rows("Root", ["_version"]) != version)
    }

    @Test func deleteCountsAndRemovesRows() throws {
        var fixture = try EngineFixture()
        fixture.transact(["op": "insert", "table": "Other", "row": ["k": "a"]], ["op": "insert", "table": "Other", "row": ["k": "b"]])
        #expect(fixture.transact(["op": "delete", "table": "Other", "where": [["k", "!=", "a"]]]) == [["count": 1]])
        #expect(fixture.rows("Other", ["k"]) == [["k": "a"]])
    }
}
