import Foundation
import OVSDB
import OVSTestSupport
import Testing

/// Killing and restarting `digestsync serve`: every acknowledged transaction survives
/// a SIGKILL, the file stays readable by `ovsdb-tool`, and `monitor_cond_since` resumes
/// across a restart (found=true), where a standalone `ovsdb-server` has no history
/// (found=false).
@Suite(.serialized) struct RestartTests {
    private static let zero: JSON = "00000000-0000-0000-0000-000000000000"

    private static func testDatabase(in directory: TemporaryDirectory) throws -> (schema: String, databases: [String]) {
        let schema = try directory.write(ServerTestSchema.json.description, to: "test.ovsschema")
        return (schema, try ServerProcess.createDatabases([schema], in: directory.path, prefix: ""))
    }

    @Test func everyAcknowledgedTransactionSurvivesAKillInTheMiddleOfAStream() throws {
        let directory = try TemporaryDirectory()
        let (_, databases) = try Self.testDatabase(in: directory)
        let server = try ServerProcess(.digestsync, databases: databases, directory: directory.path)
        let client = try RPCClient(path: server.socketPath)
        // One buffer, so that the server has the whole stream to work through when the
        // kill comes: sent one by one, the requests trickle in no faster than a fast
        // server answers them, and the kill may come after the last one.
        try client.send(batch: (1...2000).map { number in
            ["id": .integer(Int64(number)), "method": "transact",
             "params": ["Test", ["op": "insert", "table": "Simple", "row": ["name": .string("row\(number)"), "i": .integer(Int64(number))]]]]
        })
        var acknowledged: [String] = []
        while acknowledged.count < 300 {
            let reply = try client.next()
            if let uuid = reply["result"]?[0]?["uuid"]?[1]?.stringValue { acknowledged.append(uuid) }
        }
        server.kill()
        while let reply = try? client.next(timeout: 5) {
            if let uuid = reply["result"]?[0]?["uuid"]?[1]?.stringValue { acknowledged.append(uuid) }
        }
        #expect(acknowledged.count < 2000)

        try server.start()
        let rows = try RPCClient(path: server.socketPath).result("transact", ["Test", ["op": "select", "table": "Simple", "where": [], "columns": ["_uuid"]]])
        let stored = Set(rows[0]?["rows"]?.arrayValue?.compactMap { $0["_uuid"]?[1]?.stringValue } ?? [])
        #expect(Set(acknowledged).isSubset(of: stored))
        #expect(server.stop() == 0)
        let query = try OVSTool.run("ovsdb-tool", ["query", databases[0], #"["Test",{"op":"select","table":"Simple","where":[],"columns":["_uuid"]}]"#])
        #expect(query.status == 0)
        #expect((try JSON(parsing: query.stdout))[0]?["rows"]?.arrayValue?.count == stored.count)
    }

    /// Seeds a few hundred rows, watches with `monitor_cond_since`, remembers the id of
    /// an `update3`, restarts the server, changes a row and resumes from that id.
    private static func resumeAcrossRestart(_ kind: ServerProcess.Kind) throws -> JSON {
        let directory = try TemporaryDirectory()
        let (_, databases) = try Self.testDatabase(in: directory)
        let server = try ServerProcess(kind, databases: databases, directory: directory.path)
        defer { server.stop() }
        let writer = try RPCClient(path: server.socketPath)
        let seed: [JSON] = (0..<300).map { ["op": "insert", "table": "Simple", "row": ["name": .string("seed\($0)"), "i": .integer(Int64($0))]] }
        _ = try writer.result("transact", ["Test"] + seed)
        let request: JSON = ["Simple": [["columns": ["name", "i"]]]]
        let reader = try RPCClient(path: server.socketPath)
        _ = try reader.result("monitor_cond_since", ["Test", "m", request, zero])
        _ = try writer.result("transact", ["Test", ["op": "insert", "table": "Simple", "row": ["name": "c1", "i": 1]]])
        let update = try reader.next()
        #expect(update["method"] == "update3")
        let lastID = update["params"]?[1] ?? zero
        server.stop()
        try server.start()
        let again = try RPCClient(path: server.socketPath)
        _ = try again.result("transact", ["Test", ["op": "update", "table": "Simple", "where": [["name", "==", "c1"]], "row": ["i": 2]]])
        return try again.result("monitor_cond_since", ["Test", "m", request, lastID])
    }

    @Test func monitorCondSinceResumesAcrossARestartUnlikeStandaloneOVSDBServer() throws {
        let ours = try Self.resumeAcrossRestart(.digestsync)
        #expect(ours[0] == true)
        #expect(ours[2]?["Simple"]?.objectValue?.values.map { $0 } == [["modify": ["i": 2]]])
        let theirs = try Self.resumeAcrossRestart(.ovsdbServer)
        #expect(theirs[0] == false && theirs[1] == Self.zero)
        #expect(theirs[2]?["Simple"]?.objectValue?.count == 301)
    }
}
