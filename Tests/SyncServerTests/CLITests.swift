import Foundation
import Testing
@testable import OVSDB
import OVSTestSupport
@testable import SyncServer

/// The `digestsync` executable against `ovsdb-tool`: same exit statuses and messages for
/// failures, same one-line replies; and malformed, mistyped and oversized input.
@Suite(.serialized) struct CLITests {
    private let directory: TemporaryDirectory
    private let schemaPath: String
    private let binary: String

    init() throws {
        directory = try TemporaryDirectory()
        schemaPath = try directory.write(TestSchema.json.description, to: "t.ovsschema")
        binary = try DifferentialTests.digestsyncBinary()
    }

    private func both(_ arguments: [String]) throws -> (ovs: OVSTool.Output, ours: OVSTool.Output) {
        (try OVSTool.run("ovsdb-tool", arguments), try OVSTool.run(path: binary, arguments))
    }

    /// A message without the program name and without the parser's line and column,
    /// which OVS counts differently.
    private static func message(_ stderr: String, program: String) -> String {
        var text = stderr.replacingOccurrences(of: "\(program): ", with: "")
        if let range = text.range(of: #"(line \d+, column \d+, )?byte \d+: "#, options: .regularExpression) {
            text.removeSubrange(range)
        }
        return text
    }

    @Test func failuresExitWithStatusOneAndOVSDBToolsMessage() throws {
        let existing = "\(directory.path)/existing.db"
        _ = try OVSTool.run("ovsdb-tool", ["create", existing, schemaPath])
        let badSchema = try directory.write(#"{"name":"S","tables":{"A":{"columns":{"r":{"type":{"key":{"type":"uuid","refTable":"B"}}}}}}}"#, to: "bad.json")
        let cases: [[String]] = [
            ["transact", "\(directory.path)/missing.db", #"["T"]"#],
            ["query", "\(directory.path)/missing.db", #"["T"]"#],
            ["transact", existing, #"["T","#],
            ["transact", existing, #""x""#],
            ["create", existing, schemaPath],
            ["create", "\(directory.path)/new.db", badSchema],
        ]
        for arguments in cases {
            let (ovs, ours) = try both(arguments)
            #expect(ovs.status == 1 && ours.status == 1, "\(arguments)")
            #expect(ours.stdout.isEmpty)
            #expect(Self.message(ovs.stderr, program: "ovsdb-tool") == Self.message(ours.stderr, program: "digestsync"), "\(arguments)")
        }
    }

    @Test func repliesArePrintedOnOneLineWithSortedKeysAndExitZero() throws {
        let ovsFile = "\(directory.path)/ovs.db"
        let ourFile = "\(directory.path)/ours.db"
        #expect(try OVSTool.run("ovsdb-tool", ["create", ovsFile, schemaPath]).status == 0)
        #expect(try OVSTool.run(path: binary, ["create", ourFile, schemaPath]).status == 0)
        let requests = [
            #"["T",{"op":"insert","table":"Other","uuid":"00000000-0000-4000-8000-000000000001","row":{"k":"a","v":1}},{"op":"select","table":"Other","where":[],"columns":["k","v","_uuid"]}]"#,
            #"["T",{"op":"insert","table":"Other","row":{"v":"str"}}]"#,
            #"["T",{"op":"abort"},{"op":"comment","comment":"x"}]"#,
            #"["X"]"#,
            #"{"a":1}"#,
            #"["T",{"op":"wait","table":"Other","where":[],"columns":["k"],"until":"==","rows":[]}]"#,
        ]
        for request in requests {
            let ovs = try OVSTool.run("ovsdb-tool", ["transact", ovsFile, request])
            let ours = try OVSTool.run(path: binary, ["transact", ourFile, request])
            #expect(ovs.status == 0 && ours.status == 0)
            #expect(ovs.stdout == ours.stdout, "\(request)")
        }
        let write = #"["T",{"op":"insert","table":"Other","row":{"k":"q"}}]"#
        let ovs = try JSON(parsing: try OVSTool.run("ovsdb-tool", ["query", ovsFile, write]).stdout)
        let ours = try JSON(parsing: try OVSTool.run(path: binary, ["query", ourFile, write]).stdout)
        #expect(ovs[1]?["error"] == "I/O error" && ours[1]?["error"] == "I/O error")
        #expect(ovs[1]?["io-error"] == ours[1]?["io-error"])
    }

    @Test func malformedAndOversizedInputFailsCleanly() throws {
        let file = "\(directory.path)/m.db"
        #expect(OfflineTool.create(database: file, schemaPath: schemaPath).status == 0)
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let nested = OfflineTool.transact(database: file, request: deep)
        #expect(nested.status == 1 && nested.stderr.contains("nesting"))
        let invalidUTF8 = OfflineTool.transact(database: file, request: #"["T",{"op":"insert","table":"Other","row":{"k":"\#u{FFFF}"}}]"#)
        #expect(invalidUTF8.status == 0)
        let big = String(repeating: "x", count: 8 << 20)
        let reply = OfflineTool.transact(database: file, request: #"["T",{"op":"insert","table":"Other","row":{"k":"\#(big)"}}]"#)
        #expect(try JSON(parsing: reply.stdout)[0]?["uuid"] != nil)
        let count = OfflineTool.transact(database: file, request: #"["T",{"op":"select","table":"Other","where":[["k","==","\#(big)"]],"columns":["v"]}]"#, readOnly: true)
        #expect(try JSON(parsing: count.stdout) == [["rows": [["v": 0]]]])
        for request in [#"[]"#, #"["T",null]"#, #"["T",{"op":"insert","table":"Other","row":[]}]"#, #"["T",{"op":"select","table":"Other","where":{}}]"#,
                        #"["T",{"op":"mutate","table":"Other","where":[],"mutations":[["v","+=",{"a":1}]]}]"#,
                        #"["T",{"op":"insert","table":"Other","row":{"v":1e400}}]"#] {
            let output = OfflineTool.transact(database: file, request: request)
            #expect(output.status <= 1, "\(request)")
        }
        let storage = try StandaloneStorage.open(path: file, mode: .readOnly, logger: CapturedLog().logger)
        #expect(storage.database.table(named: "Other")?.count == 2)
        storage.close()
    }
}
