import BenchmarkSupport
import Foundation
import OVSDB
import OVSTestSupport
import Testing

/// `ovn-northd` with OVN_Northbound and OVN_Southbound served by `digestsync serve`,
/// and the same run with `ovsdb-server` (notes section 13): after `ovn-nbctl` creates a
/// logical switch with ports and a router, northd fills the southbound database, and
/// every table ends with the same number of rows on both.
@Suite(.serialized) struct NorthdTests {
    private static let topology: [[String]] = [
        ["ls-add", "ls1", "--", "lsp-add", "ls1", "lsp1", "--", "lsp-set-addresses", "lsp1", "00:00:00:00:00:01 10.0.0.1",
         "--", "lsp-add", "ls1", "lsp2", "--", "lsp-set-addresses", "lsp2", "00:00:00:00:00:02 10.0.0.2"],
        ["lr-add", "lr1", "--", "lrp-add", "lr1", "lrp1", "00:00:00:00:00:fe", "10.0.0.254/24",
         "--", "lsp-add", "ls1", "lsp-rtr", "--", "lsp-set-type", "lsp-rtr", "router", "--", "lsp-set-addresses", "lsp-rtr", "router",
         "--", "lsp-set-options", "lsp-rtr", "router-port=lrp1"],
        ["--wait=sb", "sync"],
    ]

    /// The number of rows of every table of the database `name` (schema file `schema`)
    /// at `remote`, in one transaction.
    private static func rowCounts(remote: String, name: String, schema: String) throws -> [String: Int] {
        let schemaJSON = try JSON(parsing: String(contentsOfFile: schema, encoding: .utf8))
        let tables = schemaJSON["tables"]?.objectValue?.keys.sorted() ?? []
        let selects = tables.map { JSON.object(["op": "select", "table": .string($0), "where": [], "columns": ["_uuid"]]) }
        let output = try OVSTool.run("ovsdb-client", ["transact", remote, JSON.array([.string(name)] + selects).description])
        guard output.status == 0, let results = try JSON(parsing: output.stdout).arrayValue, results.count == tables.count else {
            throw ToolFailure(description: "counting rows failed: \(output.stderr)")
        }
        var counts: [String: Int] = [:]
        for (table, result) in zip(tables, results) {
            counts[table] = result["rows"]?.arrayValue?.count ?? -1
        }
        return counts
    }

    private static func run(_ kind: ServerProcess.Kind) throws -> (northbound: [String: Int], southbound: [String: Int]) {
        let directory = try TemporaryDirectory()
        let nbSchema = try OVSTool.installedSchema(named: "ovn-nb.ovsschema")
        let sbSchema = try OVSTool.installedSchema(named: "ovn-sb.ovsschema")
        let files = try ServerProcess.createDatabases([nbSchema, sbSchema], in: directory.path, prefix: "")
        let northbound = try ServerProcess(kind, databases: [files[0]], directory: directory.path, name: "nb")
        let southbound = try ServerProcess(kind, databases: [files[1]], directory: directory.path, name: "sb")
        defer {
            northbound.stop()
            southbound.stop()
        }
        let northd = try ChildProcess.spawn(try OVSTool.executable("ovn-northd"),
                                            ["--no-chdir", "--unixctl=\(directory.path)/northd.ctl", "--log-file=\(directory.path)/northd.log",
                                             "--ovnnb-db=\(northbound.remote)", "--ovnsb-db=\(southbound.remote)"],
                                            errorPath: "\(directory.path)/northd.err")
        defer { northd.terminateBlocking(grace: .seconds(5)) }
        let nbctl = ["--db=\(northbound.remote)", "--timeout=20"]
        #expect(try OVSTool.run("ovn-nbctl", nbctl + ["--wait=sb", "sync"]).status == 0)
        for command in topology {
            let result = try OVSTool.run("ovn-nbctl", nbctl + command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        let status = try OVSTool.run("ovn-appctl", ["-t", "\(directory.path)/northd.ctl", "status"])
        #expect(status.stdout.contains("Status: active"), "\(status.stdout) \(status.stderr)")
        return (try rowCounts(remote: northbound.remote, name: "OVN_Northbound", schema: nbSchema),
                try rowCounts(remote: southbound.remote, name: "OVN_Southbound", schema: sbSchema))
    }

    @Test func northdFillsTheSouthboundDatabaseAsWithOVSDBServer() throws {
        let ours = try Self.run(.digestsync)
        let theirs = try Self.run(.ovsdbServer)
        #expect(ours.northbound == theirs.northbound)
        #expect(ours.southbound == theirs.southbound)
        #expect(ours.northbound["Logical_Switch_Port"] == 3 && ours.northbound["Logical_Router_Port"] == 1)
        #expect(ours.southbound["Datapath_Binding"] == 2 && ours.southbound["Port_Binding"] == 4)
        #expect((ours.southbound["Logical_Flow"] ?? 0) > 100)
    }
}
