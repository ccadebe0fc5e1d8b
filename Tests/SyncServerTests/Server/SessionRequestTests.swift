import OVSTestSupport
import Testing
@testable import OVSDB
@testable import SyncServer

/// The plain methods and envelopes, with the replies `ovsdb-server` 3.1.0 sent in the
/// captures of the server notes (sections 1.2 and 2).
@Suite struct SessionRequestTests {
    @Test func listDatabasesNamesEveryDatabaseThenServer() throws {
        let server = try ServerHarness(schemas: [ServerTestSchema.json, TestSchema.json])
        let client = try server.connect()
        #expect(try client.result("list_dbs", []) == ["Test", "T", "_Server"])
    }

    @Test func getSchemaReturnsTheSchemaAndOVSErrorsForBadNames() throws {
        let client = try ServerHarness().connect()
        let schema = try client.result("get_schema", ["Test", "extra param ignored"])
        #expect(try DatabaseSchema(json: schema) == DatabaseSchema(json: ServerTestSchema.json))
        let server = try client.result("get_schema", ["_Server"])
        #expect(server["cksum"] == "3009684573 744")
        #expect(try client.call("get_schema", ["Nope"]).last == [
            "id": 3, "error": ["syntax": "[\"Nope\"]", "details": "get_schema request specifies unknown database Nope",
                                   "error": "unknown database"]])
        let missing = try client.call("get_schema", [1]).last
        #expect(missing?["error"] == ["syntax": "[1]", "details": "get_schema request params must begin with <db-name>",
                                      "error": "syntax error"])
    }

    @Test func errorRepliesHaveNoResultMemberAndRepliesHaveNullError() throws {
        let client = try ServerHarness().connect()
        let unknown = try client.call("frobnicate", []).last
        #expect(unknown == ["id": 1, "error": "unknown method"])
        #expect(unknown?["result"] == nil)
        let echo = try client.call("echo", ["a", ["b": 1]]).last
        #expect(echo == ["id": 2, "result": ["a", ["b": 1]], "error": nil])
        #expect(echo?.objectValue?.keys == ["id", "result", "error"])
    }

    @Test func echoReturnsParamsAndAnyRequestIdComesBack() throws {
        let client = try ServerHarness().connect()
        try client.send(raw: #"{"method":"echo","params":["x"],"id":[5,{"x":1}]}"#)
        #expect(try client.receive() == [["id": [5, ["x": 1]], "result": ["x"], "error": nil]])
    }

    @Test func serverIDIsOneUUIDPerServer() throws {
        let server = try ServerHarness()
        let first = try server.connect().result("get_server_id", [])
        let second = try server.connect().result("get_server_id", [])
        #expect(first == second)
        #expect(first.stringValue.flatMap(OVSDBUUID.init) != nil)
    }

    @Test func setDatabaseChangeAwareTakesOneBoolean() throws {
        let client = try ServerHarness().connect()
        #expect(try client.result("set_db_change_aware", [true]) == [:])
        let error = try client.call("set_db_change_aware", ["yes"]).last?["error"]
        #expect(error == ["syntax": "[\"yes\"]", "details": "set_db_change_aware: true or false parameter expected",
                          "error": "syntax error"])
    }

    @Test func serverDatabaseDescribesEveryDatabaseAndRefusesWrites() throws {
        let client = try ServerHarness().connect()
        let rows = try client.result("transact", ["_Server", ["op": "select", "table": "Database", "where": [],
                                                              "columns": ["name", "model", "connected", "leader", "schema"]]])
        let selected = rows[0]?["rows"]?.arrayValue ?? []
        #expect(selected.count == 2)
        let test = selected.first { $0["name"] == "Test" }
        #expect(test?["model"] == "standalone" && test?["connected"] == true && test?["leader"] == true)
        let schemaText = try #require(test?["schema"]?.stringValue)
        #expect(schemaText == (try DatabaseSchema(json: ServerTestSchema.json)).json.serializedString(sortingKeys: true))
        let write = try client.result("transact", ["_Server", ["op": "delete", "table": "Database", "where": []]])
        #expect(write == [["details": "delete operation not allowed on table in reserved database _Server", "error": "not allowed"]])
    }

    @Test func notificationsAreIgnoredAndEchoRepliesSwallowed() throws {
        let client = try ServerHarness().connect()
        try client.send(raw: #"{"method":"whatever","params":[]}{"id":"echo","result":[],"error":null}"#)
        #expect(try client.receive().isEmpty)
        #expect(!client.isClosed)
        #expect(try client.result("echo", []) == [])
    }
}
