import BenchmarkSupport
import Foundation
import OVSDB
import OVSTestSupport
import Testing

/// `ovsdb-client` against `digestsync serve` and against `ovsdb-server`, both serving
/// OVN_Southbound: every command prints the same thing (notes section 12), up to the
/// UUIDs a server draws at random.
@Suite(.serialized) struct OVSDBClientTests {
    private static let encap = "33333333-0000-4000-8000-000000000001"
    private static let chassis = "33333333-0000-4000-8000-000000000002"
    private static let datapath = "33333333-0000-4000-8000-000000000003"
    private static let first = "33333333-0000-4000-8000-000000000004"
    private static let second = "33333333-0000-4000-8000-000000000005"
    private static let mask = UUIDMask(known: [encap, chassis, datapath, first, second])

    private static let seed = """
        ["OVN_Southbound",
         {"op":"insert","table":"Encap","uuid":"\(encap)","row":{"type":"geneve","ip":"192.0.2.1","chassis_name":"ch1","options":["map",[["csum","true"]]]}},
         {"op":"insert","table":"Chassis","uuid":"\(chassis)","row":{"name":"ch1","hostname":"h1","encaps":["uuid","\(encap)"],"external_ids":["map",[["k","v"]]]}},
         {"op":"insert","table":"Datapath_Binding","uuid":"\(datapath)","row":{"tunnel_key":1,"external_ids":["map",[["name","ls1"]]]}},
         {"op":"insert","table":"Port_Binding","uuid":"\(first)","row":{"logical_port":"lp1","datapath":["uuid","\(datapath)"],"tunnel_key":2,"mac":["set",["00:00:00:00:00:01 10.0.0.1"]],"chassis":["uuid","\(chassis)"]}}]
        """

    /// The changes made while the monitors watch: an insert, a modification that takes
    /// the row out of the condition `tunnel_key > 1`, another modification, a delete.
    private static let changes = [
        #"["OVN_Southbound",{"op":"insert","table":"Port_Binding","uuid":"\#(second)","row":{"logical_port":"lp2","datapath":["uuid","\#(datapath)"],"tunnel_key":3}}]"#,
        #"["OVN_Southbound",{"op":"update","table":"Port_Binding","where":[["logical_port","==","lp2"]],"row":{"tunnel_key":1}}]"#,
        #"["OVN_Southbound",{"op":"update","table":"Port_Binding","where":[["logical_port","==","lp1"]],"row":{"up":true,"mac":["set",[]]}}]"#,
        #"["OVN_Southbound",{"op":"delete","table":"Port_Binding","where":[["logical_port","==","lp1"]]}]"#,
    ]

    private final class Servers {
        let directory: TemporaryDirectory
        let ours: ServerProcess
        let theirs: ServerProcess

        init() throws {
            directory = try TemporaryDirectory()
            let schema = try OVSTool.installedSchema(named: "ovn-sb.ovsschema")
            ours = try ServerProcess(.digestsync, databases: try ServerProcess.createDatabases([schema], in: directory.path, prefix: "ours-"),
                                     directory: directory.path, name: "ours")
            theirs = try ServerProcess(.ovsdbServer, databases: try ServerProcess.createDatabases([schema], in: directory.path, prefix: "theirs-"),
                                       directory: directory.path, name: "theirs")
        }

        /// Runs `ovsdb-client` with `arguments`, `REMOTE` standing for each server's
        /// remote; returns both outputs, UUIDs masked.
        func both(_ arguments: [String]) throws -> (ours: OVSTool.Output, theirs: OVSTool.Output) {
            func run(_ server: ServerProcess) throws -> OVSTool.Output {
                var output = try OVSTool.run("ovsdb-client", arguments.map { $0 == "REMOTE" ? server.remote : $0 }, timeout: 20)
                output.stdout = OVSDBClientTests.maskText(output.stdout)
                output.stderr = OVSDBClientTests.maskText(output.stderr)
                return output
            }
            return (try run(ours), try run(theirs))
        }
    }

    private static func maskText(_ text: String) -> String {
        mask.mask(.string(text)).stringValue ?? text
    }

    private static func expectSame(_ outputs: (ours: OVSTool.Output, theirs: OVSTool.Output), _ command: String,
                                   sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outputs.ours.status == outputs.theirs.status, "\(command)", sourceLocation: sourceLocation)
        #expect(outputs.ours.stdout == outputs.theirs.stdout, "\(command)", sourceLocation: sourceLocation)
        #expect(outputs.ours.stderr == outputs.theirs.stderr, "\(command)", sourceLocation: sourceLocation)
    }

    @Test func schemaCommandsPrintTheSame() throws {
        let servers = try Servers()
        let commands: [[String]] = [
            ["list-dbs", "REMOTE"],
            ["get-schema", "REMOTE", "OVN_Southbound"],
            ["get-schema-version", "REMOTE", "OVN_Southbound"],
            ["get-schema-cksum", "REMOTE", "OVN_Southbound"],
            ["get-schema", "REMOTE", "_Server"],
            ["get-schema", "REMOTE", "Nope"],
        ]
        for command in commands {
            Self.expectSame(try servers.both(command), "\(command)")
        }
        // These list tables and columns in the order of the get_schema reply's objects
        // (hash order in OVS): compare the lines as sets.
        for command in [["list-tables", "REMOTE", "OVN_Southbound"], ["list-columns", "REMOTE", "OVN_Southbound", "Encap"]] {
            let outputs = try servers.both(command)
            #expect(outputs.ours.status == 0 && outputs.theirs.status == 0)
            #expect(outputs.ours.stdout.split(separator: "\n").sorted() == outputs.theirs.stdout.split(separator: "\n").sorted(), "\(command)")
        }
        #expect(try servers.both(["list-dbs", "REMOTE"]).ours.stdout == "OVN_Southbound\n_Server\n")
    }

    @Test func transactAndDumpPrintTheSame() throws {
        let servers = try Servers()
        let seeded = try servers.both(["transact", "REMOTE", Self.seed])
        Self.expectSame(seeded, "seed")
        #expect(seeded.ours.stdout.hasPrefix("[{\"uuid\":[\"uuid\",\"\(Self.encap)\"]}"))
        let commands: [[String]] = [
            ["transact", "REMOTE", #"["OVN_Southbound",{"op":"select","table":"Port_Binding","where":[],"columns":["logical_port","tunnel_key","mac","chassis","datapath"]}]"#],
            ["transact", "REMOTE", #"["OVN_Southbound",{"op":"insert","table":"Chassis","row":{"name":"ch1"}}]"#],
            ["transact", "REMOTE", #"["Nope"]"#],
            ["query", "REMOTE", #"["OVN_Southbound",{"op":"delete","table":"Port_Binding","where":[]}]"#],
            ["dump", "REMOTE", "OVN_Southbound", "Chassis"],
            ["dump", "-f", "json", "REMOTE", "OVN_Southbound", "Port_Binding", "Datapath_Binding", "Encap"],
            ["dump", "-f", "csv", "--no-headings", "REMOTE", "OVN_Southbound", "Port_Binding", "logical_port", "tunnel_key"],
            ["--format=list", "dump", "REMOTE", "OVN_Southbound", "Encap"],
        ]
        for command in commands {
            Self.expectSame(try servers.both(command), "\(command)")
        }
    }

    /// Starts `ovsdb-client <arguments>` in the background against both servers, makes
    /// ``changes`` once the initial output is there, waits for `updates` more updates,
    /// and compares the outputs.
    private func monitorPrintsTheSame(_ arguments: [String], updates: Int) throws {
        let servers = try Servers()
        Self.expectSame(try servers.both(["transact", "REMOTE", Self.seed]), "seed")
        var outputs: [String] = []
        for server in [servers.ours, servers.theirs] {
            let path = "\(servers.directory.path)/\(server.kind.rawValue).out"
            let client = try ChildProcess.spawn(try OVSTool.executable("ovsdb-client"),
                                                ["--timeout=30"] + arguments.map { $0 == "REMOTE" ? server.remote : $0 },
                                                outputPath: path, errorPath: path + ".err")
            defer { client.terminateBlocking(grace: .seconds(1)) }
            func headings() -> Int {
                ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").components(separatedBy: "\"headings\"").count - 1
            }
            try Self.wait("initial rows from \(server.kind.rawValue)") { headings() >= 1 }
            for change in Self.changes {
                let result = try OVSTool.run("ovsdb-client", ["transact", server.remote, change])
                #expect(result.status == 0 && !result.stdout.contains("error"), "\(change): \(result.stdout)")
            }
            try Self.wait("\(updates) updates from \(server.kind.rawValue)") { headings() >= 1 + updates }
            outputs.append(Self.maskText(try String(contentsOfFile: path, encoding: .utf8)))
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0].components(separatedBy: "\"headings\"").count - 1 == 1 + updates)
    }

    private static func wait(_ what: String, until condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(15)
        while !condition() {
            guard Date() < deadline else { throw ToolFailure(description: "no \(what) within 15 s") }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    @Test func monitorPrintsTheSameUpdates() throws {
        try monitorPrintsTheSame(["-f", "json", "monitor", "REMOTE", "OVN_Southbound", "Port_Binding", "logical_port,tunnel_key,up,mac"],
                                 updates: 4)
    }

    @Test func monitorCondPrintsTheSameUpdates() throws {
        try monitorPrintsTheSame(["-f", "json", "monitor-cond", "REMOTE", "OVN_Southbound", #"[["tunnel_key",">",1]]"#,
                                  "Port_Binding", "logical_port,tunnel_key,up,mac"], updates: 4)
    }

    @Test func monitorCondSincePrintsTheSameUpdates() throws {
        try monitorPrintsTheSame(["-f", "json", "monitor-cond-since", "REMOTE", "OVN_Southbound", #"[["tunnel_key",">",1]]"#,
                                  "Port_Binding", "logical_port,tunnel_key,up"], updates: 4)
    }
}
