import Testing
@testable import OVSDB
@testable import SyncServer

/// The row formats of `update` and `update2`, step by step as the captures of
/// `ovsdb-server` 3.1.0 in the server notes (sections 5.3 and 5.4) show them.
@Suite struct UpdateFormatTests {
    /// The one row update of table `Simple` in `params`.
    private func rowUpdate(_ messages: [JSON], _ uuid: String) -> JSON? {
        let params = updates(in: messages)
        guard params.count == 1 else { return nil }
        return params[0].last?["Simple"]?[uuid]
    }

    @Test func v1UpdatesCarryWholeNewRowsAndTheOldValuesOfChangedColumns() throws {
        let client = try ServerHarness().connect()
        #expect(try client.result("monitor", ["Test", "mA", ["Simple": [:]]]) == [:])
        let insert = try client.transact(["op": "insert", "table": "Simple", "row": ["name": "x"]])
        #expect(insert.last?["id"] != nil && insert.count == 2)
        let uuid = try #require(insert.last?["result"]?[0]?["uuid"]?[1]?.stringValue)
        let new = try #require(rowUpdate(insert, uuid)?["new"]?.objectValue)
        #expect(Set(new.keys) == ["_version", "name", "i", "b", "r", "s", "m", "opt", "ref"])
        #expect(new["i"] == 0 && new["s"] == ["set", []] && new["m"] == ["map", []] && new["opt"] == ["set", []])
        #expect(updates(in: insert).first?.first == "mA")

        let modify = try #require(rowUpdate(try client.updateSimple(uuid, ["i": 5]), uuid))
        #expect(modify["new"]?["i"] == 5 && modify["new"]?["name"] == "x")
        #expect(Set(modify["old"]?.objectValue?.keys ?? []) == ["_version", "i"])
        #expect(modify["old"]?["i"] == 0)

        let delete = try client.transact(["op": "delete", "table": "Simple", "where": []])
        let old = try #require(rowUpdate(delete, uuid)?["old"]?.objectValue)
        #expect(old.count == 9 && old["i"] == 5)
        #expect(rowUpdate(delete, uuid)?["new"] == nil)
    }

    @Test func v2UpdatesOmitDefaultsAndSendColumnDiffs() throws {
        let client = try ServerHarness().connect()
        let request: JSON = ["Simple": [["columns": ["name", "i", "s", "m", "opt"]]]]
        #expect(try client.result("monitor_cond", ["Test", "mC", request]) == [:])
        let insert = try client.transact(["op": "insert", "table": "Simple", "row": ["name": "x"]])
        let uuid = try #require(insert.last?["result"]?[0]?["uuid"]?[1]?.stringValue)
        #expect(rowUpdate(insert, uuid) == ["insert": ["name": "x"]])
        let steps: [(JSON, JSON?)] = [
            (["i": 5], ["modify": ["i": 5]]),
            (["s": ["set", ["a", "b"]], "m": ["map", [["k1", "v1"], ["k2", "v2"]]]],
             ["modify": ["s": ["set", ["a", "b"]], "m": ["map", [["k1", "v1"], ["k2", "v2"]]]]]),
            (["s": ["set", ["b", "c"]], "m": ["map", [["k2", "v2"], ["k3", "v3"]]]],
             ["modify": ["s": ["set", ["a", "c"]], "m": ["map", [["k1", "v1"], ["k3", "v3"]]]]]),
            (["m": ["map", [["k2", "v2b"], ["k3", "v3"]]]], ["modify": ["m": ["map", [["k2", "v2b"]]]]]),
            (["opt": 7, "s": ["set", ["c"]]], ["modify": ["opt": 7, "s": "b"]]),
            (["opt": ["set", []]], ["modify": ["opt": ["set", []]]]),
            (["i": 5], nil),
            (["b": true], nil),
        ]
        for (row, expected) in steps {
            let messages = try client.updateSimple(uuid, row)
            if let expected {
                #expect(rowUpdate(messages, uuid) == expected, "\(row)")
            } else {
                #expect(updates(in: messages).isEmpty, "\(row)")
            }
        }
        let delete = try client.transact(["op": "delete", "table": "Simple", "where": []])
        #expect(rowUpdate(delete, uuid) == ["delete": nil])
    }

    @Test func initialRowsOmitDefaultsAndEmptyColumnListsStillListRows() throws {
        let client = try ServerHarness().connect()
        let uuid = try client.insertSimple(["name": "pre", "i": 1, "s": ["set", ["a", "b"]]])
        let all = try client.result("monitor_cond", ["Test", 1, ["Simple": [:]]])
        let initial = try #require(all["Simple"]?[uuid]?["initial"]?.objectValue)
        #expect(Set(initial.keys) == ["_version", "name", "i", "s"])
        let empty = try client.result("monitor_cond", ["Test", 2, ["Simple": ["columns": []]]])
        #expect(empty == ["Simple": [uuid: ["initial": [:]]]])
        let v1 = try client.result("monitor", ["Test", 3, ["Simple": ["columns": ["name", "opt"]]]])
        #expect(v1 == ["Simple": [uuid: ["new": ["name": "pre", "opt": ["set", []]]]]])
    }

    @Test func selectIsPerColumnAndTheTableReportsTheUnionOfKinds() throws {
        let client = try ServerHarness().connect()
        let first = try client.insertSimple(["name": "pre", "i": 1])
        let request: JSON = ["Simple": [["columns": ["name"], "select": ["initial": false, "modify": false]],
                                        ["columns": ["i"], "select": ["insert": false, "delete": false]]]]
        let initial = try client.result("monitor_cond", ["Test", "m", request])
        #expect(initial == ["Simple": [first: ["initial": ["i": 1]]]])
        let insert = try client.transact(["op": "insert", "table": "Simple", "row": ["name": "q", "i": 4]])
        let second = try #require(insert.last?["result"]?[0]?["uuid"]?[1]?.stringValue)
        #expect(rowUpdate(insert, second) == ["insert": ["name": "q"]])
        #expect(rowUpdate(try client.updateSimple(second, ["name": "q2", "i": 6]), second) == ["modify": ["i": 6]])
        let delete = try client.transact(["op": "delete", "table": "Simple", "where": [["name", "==", "q2"]]])
        #expect(rowUpdate(delete, second) == ["delete": nil])
    }

    @Test func conditionsAreORedAndRowsCrossingThemBecomeInsertsAndDeletes() throws {
        let client = try ServerHarness().connect()
        for value in [1, 5, 11, 20] { _ = try client.insertSimple(["name": .string("r\(value)"), "i": .integer(Int64(value))]) }
        func count(_ condition: JSON) throws -> Int {
            let reply = try client.result("monitor_cond", ["Test", condition, ["Simple": ["columns": ["i"], "where": condition]]])
            return reply["Simple"]?.objectValue?.count ?? 0
        }
        #expect(try count([["i", ">=", 10], ["i", "<=", 12]]) == 4)
        #expect(try count([["i", "==", 5], ["i", "==", 20]]) == 2)
        #expect(try count([false]) == 0)
        #expect(try count([true]) == 4)
        #expect(try count([["i", "==", 98], false, true]) == 4)

        let watcher = try ServerHarness().connect()
        _ = try watcher.result("monitor_cond", ["Test", "mB", ["Simple": ["where": [["i", ">=", 1]]]]])
        let insert = try watcher.transact(["op": "insert", "table": "Simple", "row": ["name": "x"]])
        #expect(updates(in: insert).isEmpty)
        let uuid = try #require(insert.last?["result"]?[0]?["uuid"]?[1]?.stringValue)
        let entering = try #require(rowUpdate(try watcher.updateSimple(uuid, ["i": 5]), uuid)?["insert"]?.objectValue)
        #expect(Set(entering.keys) == ["_version", "name", "i"])
        #expect(rowUpdate(try watcher.updateSimple(uuid, ["i": 0]), uuid) == ["delete": nil])
    }

    @Test func ownUpdatesArriveBeforeTheTransactReplyAndUpdate3CarriesTheTransactionID() throws {
        let client = try ServerHarness().connect()
        let reply = try client.result("monitor_cond_since", ["Test", ["monid", "Test"], ["Simple": ["columns": ["name"]]],
                                                             "00000000-0000-0000-0000-000000000000"])
        #expect(reply == [false, "00000000-0000-0000-0000-000000000000", [:]])
        let messages = try client.transact(["op": "insert", "table": "Simple", "row": ["name": "x"]])
        #expect(messages.count == 2)
        #expect(messages[0]["method"] == "update3" && messages[0]["id"] == .null)
        let params = try #require(messages[0]["params"]?.arrayValue)
        #expect(params.count == 3 && params[0] == ["monid", "Test"])
        let id = try #require(params[1].stringValue.flatMap(OVSDBUUID.init))
        #expect(id != .zero)
        #expect(messages[1]["result"] != nil)
    }
}
