import Testing
@testable import OVSDB
@testable import SyncServer

/// Monitor requests that fail get OVS 3.1.0's error replies (notes section 2.8 to
/// 2.10) and leave no monitor behind; `monitor_cond_change` and `monitor_cancel`.
@Suite struct MonitorRequestTests {
    private static func error(_ client: TestClient, _ method: String, _ params: [JSON]) throws -> JSON? {
        try client.call(method, params).last?["error"]
    }

    @Test func badMonitorRequestsGetOVSErrors() throws {
        let client = try ServerHarness().connect()
        _ = try client.result("monitor", ["Test", "taken", ["Child": [:]]])
        let cases: [(String, [JSON], JSON)] = [
            ("monitor_cond", ["Test", "m", ["Nope": [:]]], ["details": "no table named Nope", "error": "syntax error"]),
            ("monitor_cond", ["Test", "m", ["Simple": ["columns": ["zz"]]]],
             ["syntax": "[\"zz\"]", "details": "zz is not a valid column name", "error": "syntax error"]),
            ("monitor_cond", ["Test", "m", ["Simple": [["columns": ["i"]], ["columns": ["i"]]]]],
             ["syntax": "[\"i\"]", "details": "column i mentioned more than once", "error": "syntax error"]),
            ("monitor_cond", ["Test", "m", ["Simple": [[:], [:]]]],
             ["details": "column _version mentioned more than once", "error": "syntax error"]),
            ("monitor", ["Test", "taken", ["Simple": [:]]], ["syntax": "\"taken\"", "details": "duplicate monitor ID", "error": "syntax error"]),
            ("monitor_cond", ["Test", "m", []], ["syntax": "[]", "details": "monitor-requests must be object", "error": "syntax error"]),
            ("monitor_cond", ["Test", "m3"], ["syntax": "[\"Test\",\"m3\"]", "details": "invalid parameters", "error": "syntax error"]),
            ("monitor", ["Test", "x"], ["syntax": "[\"Test\",\"x\"]", "details": "invalid parameters", "error": "syntax error"]),
            ("monitor_cond_since", ["Test", "m", ["Simple": [:]], "zz"],
             ["syntax": "\"zz\"", "details": "last-txn-id must be UUID format.", "error": "syntax error"]),
            ("monitor_cond_since", ["Test", "m", ["Simple": [:]], 5],
             ["syntax": "5", "details": "last-txn-id must be string", "error": "syntax error"]),
            ("monitor_cond", ["Test", "m", ["Simple": ["where": [["i", "==", "x"]]]]],
             ["syntax": "\"x\"", "details": "expected integer", "error": "syntax error"]),
            ("monitor_cond", ["Test", "m", ["Simple": ["where": [["nope", "==", 1]]]]],
             ["syntax": "[\"nope\",\"==\",1]", "details": "No column nope in table Simple.", "error": "unknown column"]),
            ("monitor_cond", ["Test", "m", ["Simple": ["where": "x"]]],
             ["syntax": "{\"where\":\"x\"}", "details": "Parsing table Simple failed: Type mismatch for member 'where'.", "error": "syntax error"]),
            ("monitor", ["Test", "m", ["Simple": ["where": []]]],
             ["syntax": "{\"where\":[]}", "details": "Parsing table Simple failed: Member 'where' is present but not allowed here.", "error": "syntax error"]),
            ("monitor_cond", ["Test", "m", ["Simple": ["select": ["initial": 1]]]],
             ["syntax": "{\"initial\":1}", "details": "Parsing table Simple select failed: Type mismatch for member 'initial'.", "error": "syntax error"]),
            ("monitor_cond", ["Nope", "m", [:]],
             ["syntax": "[\"Nope\",\"m\",{}]", "details": "monitor_cond request specifies unknown database Nope", "error": "unknown database"]),
        ]
        for (method, params, expected) in cases {
            #expect(try Self.error(client, method, params) == expected, "\(method) \(params)")
        }
        #expect(try client.result("monitor_cond", ["Test", "m", ["Simple": [:]]]) == [:])
    }

    @Test func conditionChangesSendEnteringAndLeavingRowsBeforeTheReplyUnderTheNewID() throws {
        let client = try ServerHarness().connect()
        let kept = try client.insertSimple(["name": "a", "i": 1])
        let other = try client.insertSimple(["name": "b", "i": 2])
        let negative = try client.insertSimple(["name": "z", "i": -1])
        let initial = try client.result("monitor_cond", ["Test", "mB", ["Simple": ["columns": ["name", "i"], "where": [["i", ">=", 1]]]]])
        #expect(Set(initial["Simple"]?.objectValue?.keys ?? []) == [kept, other])

        let change = try client.call("monitor_cond_change", ["mB", "mB2", ["Simple": [["where": [["i", "<", 0]]]]]])
        #expect(change.count == 2)
        #expect(change[0]["params"] == ["mB2", ["Simple": [kept: ["delete": nil], other: ["delete": nil],
                                                            negative: ["insert": ["name": "z", "i": -1]]]]])
        #expect(change[1]["result"] == [:])
        let insert = try client.transact(["op": "insert", "table": "Simple", "row": ["name": "n", "i": -5]])
        #expect(updates(in: insert).first?.first == "mB2")

        let cleared = try client.call("monitor_cond_change", ["mB2", "mB2", ["Simple": [["where": [false]]]]])
        #expect(updates(in: cleared).first?.last?["Simple"]?.objectValue?.count == 2)
        let everything = try client.call("monitor_cond_change", ["mB2", "mB2", ["Simple": [[:]]]])
        #expect(updates(in: everything).first?.last?["Simple"]?.objectValue?.count == 4)
        #expect(try client.call("monitor_cond_change", ["mB2", "mB2", ["Simple": [[:]]]]).count == 1)
    }

    @Test func badConditionChangesGetOVSErrorsAndChangeNothing() throws {
        let client = try ServerHarness().connect()
        _ = try client.result("monitor_cond", ["Test", "m", ["Simple": ["where": [["i", "==", 1]]]]])
        _ = try client.result("monitor_cond", ["Test", "other", ["Child": [:]]])
        let cases: [([JSON], JSON)] = [
            (["nope", "x", [:]], ["syntax": "\"nope\"", "details": "unknown monitor session", "error": "syntax error"]),
            (["nope"], ["syntax": "[\"nope\"]", "details": "invalid parameters", "error": "syntax error"]),
            (["m", "m", ["Child": [["where": []]]]], ["details": "no table named Child in monitor session", "error": "syntax error"]),
            (["m", "m", ["Nope": [["where": []]]]], ["details": "no table named Nope", "error": "syntax error"]),
            (["m", "other", [:]], ["syntax": "\"other\"", "details": "duplicate monitor ID", "error": "syntax error"]),
            (["m", "m", []], ["details": "monitor-cond-change-requests must be object", "error": "syntax error"]),
            (["m", "m", ["Simple": ["where": []]]], ["details": "table Simple no monitor-cond-change JSON array", "error": "syntax error"]),
            (["m", "m", ["Simple": [["columns": ["i"], "where": [true]]]]],
             ["syntax": "{\"columns\":[\"i\"],\"where\":[true]}", "details": "changing columns is unsupported", "error": "syntax error"]),
            (["m", "m", ["Simple": [["bogus": 1, "where": [true]]]]],
             ["syntax": "{\"bogus\":1,\"where\":[true]}", "details": "Parsing table Simple failed: Member 'bogus' is present but not allowed here.",
              "error": "syntax error"]),
            (["m", "m", ["Simple": [["where": [["name", "<", "x"]]]]]],
             ["syntax": "[\"name\",\"<\",\"x\"]", "details": "Type mismatch: \"<\" operator may not be applied to column name of type string.",
              "error": "syntax error"]),
        ]
        for (params, expected) in cases {
            #expect(try client.call("monitor_cond_change", params).last?["error"] == expected, "\(params)")
        }
        let insert = try client.transact(["op": "insert", "table": "Simple", "row": ["name": "q", "i": 1]])
        #expect(updates(in: insert).map { $0.first } == ["m"])
    }

    @Test func conditionChangesOnV1MonitorsAreAcceptedAndIgnored() throws {
        let client = try ServerHarness().connect()
        _ = try client.insertSimple(["name": "a", "i": 1])
        _ = try client.result("monitor", ["Test", "cc", ["Simple": ["columns": ["i"]]]])
        #expect(try client.call("monitor_cond_change", ["cc", "cc", ["Simple": [["where": [false]]]]]) == [["id": 3, "result": [:], "error": nil]])
        #expect(updates(in: try client.transact(["op": "insert", "table": "Simple", "row": ["name": "b"]])).count == 1)
    }

    @Test func cancelledMonitorsSendNothingMoreAndBadCancelsGetBareStringErrors() throws {
        let client = try ServerHarness().connect()
        _ = try client.result("monitor_cond", ["Test", "m", ["Simple": [:]]])
        #expect(try client.call("monitor_cancel", ["m"]).last == ["id": 2, "result": [:], "error": nil])
        #expect(updates(in: try client.transact(["op": "insert", "table": "Simple", "row": ["name": "b"]])).isEmpty)
        #expect(try client.call("monitor_cancel", ["m"]).last == ["id": 4, "error": "unknown monitor"])
        #expect(try client.call("monitor_cancel", []).last == ["id": 5, "error": "invalid parameters"])
    }

    @Test func serverDatabaseIsMonitorableWithV1AndV2() throws {
        let client = try ServerHarness().connect()
        let columns: JSON = ["columns": ["model", "name", "connected", "leader", "schema", "sid", "cid", "index"]]
        let v1 = try client.result("monitor", ["_Server", "s1", ["Database": [columns]]])
        #expect(v1["Database"]?.objectValue?.count == 2)
        let v2 = try client.result("monitor_cond", ["_Server", ["monid", "_Server"], ["Database": [["columns": ["name", "model", "connected", "leader", "schema", "cid", "index"]]]]])
        let rows = v2["Database"]?.objectValue?.values.compactMap { $0["initial"] } ?? []
        #expect(Set(rows.compactMap { $0["name"]?.stringValue }) == ["Test", "_Server"])
        #expect(rows.allSatisfy { $0["cid"] == nil && $0["index"] == nil && $0["model"] == "standalone" })
    }
}
