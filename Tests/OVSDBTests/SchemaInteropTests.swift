import Foundation
import Testing
@testable import OVSDB
import OVSTestSupport

/// Schemas against OVS 3.1: the real schemas the Debian packages install, what a real
/// `ovsdb-server` returns for them and for `_Server`, and the errors `ovsdb-tool create`
/// prints for broken schemas.
@Suite(.serialized) struct SchemaInteropTests {
    @Test func installedSchemasAreAllFound() throws {
        let names = try OVSTool.installedSchemas().map { ($0 as NSString).lastPathComponent }
        for expected in ["ovn-sb.ovsschema", "ovn-nb.ovsschema", "vtep.ovsschema", "vswitch.ovsschema"] {
            #expect(names.contains(expected))
        }
    }

    @Test func everyInstalledSchemaLoadsAndRoundTrips() throws {
        for path in try OVSTool.installedSchemas() {
            let schema = try DatabaseSchema(json: try JSON(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
            #expect(!schema.tables.isEmpty, "\(path)")
            #expect(try DatabaseSchema(json: schema.json) == schema, "\(path)")
            #expect(try DatabaseSchema(json: try JSON(parsing: schema.json.serialized())) == schema, "\(path)")
        }
    }

    @Test func realSchemasHaveTheExpectedShape() throws {
        let southbound = try Self.load("ovn-sb.ovsschema")
        #expect(southbound.name == "OVN_Southbound")
        let flow = try #require(southbound.table(named: "Logical_Flow"))
        #expect(flow.column(named: "logical_datapath")?.type.key.refTable == "Datapath_Binding")
        #expect(flow.column(named: "match")?.type.isScalar == true)
        let binding = try #require(southbound.table(named: "Port_Binding"))
        #expect(binding.column(named: "tunnel_key")?.type.key.maxInteger == 32767)
        #expect(!binding.indexes.isEmpty)
        let vswitch = try Self.load("vswitch.ovsschema")
        #expect(vswitch.table(named: "Open_vSwitch")?.maxRows == 1)
        let vtep = try Self.load("vtep.ovsschema")
        #expect(vtep.name == "hardware_vtep")
        #expect(try Self.load("ovn-nb.ovsschema").name == "OVN_Northbound")
    }

    @Test func schemaJSONMatchesWhatOVSDBServerReturns() throws {
        let paths = try OVSTool.installedSchemas()
        let server = try OVSDBServerProcess(schemaFiles: paths)
        for path in paths {
            let schema = try DatabaseSchema(json: try JSON(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
            #expect(try server.schemaJSON(schema.name) == schema.json, "\(schema.name)")
        }
    }

    @Test func serverSchemaMatchesARealOVSDBServer() throws {
        let server = try OVSDBServerProcess(schemaFiles: [try OVSTool.installedSchema(named: "vtep.ovsschema")])
        let real = try server.schemaJSON("_Server")
        #expect(DatabaseSchema.server.json == real)
        #expect(try DatabaseSchema(json: real).isEquivalent(to: DatabaseSchema.server))
        #expect(try DatabaseSchema(json: DatabaseSchema.server.json) == DatabaseSchema.server)
    }

    @Test func versionsAreScannedAsLenientlyAsOVSDoes() throws {
        for version in ["1.2.3", " 1. -2.+3", "0.0.0", "10.20.30"] {
            let text = #"{"name":"X","version":"\#(version)","tables":{"A":{"columns":{"a":{"type":"integer"}}}}}"#
            let directory = try TemporaryDirectory()
            let file = try directory.write(text, to: "lenient.ovsschema")
            #expect(try OVSTool.run("ovsdb-tool", ["create", "\(directory.path)/db", file]).status == 0)
            #expect(try DatabaseSchema(json: try JSON(parsing: text)).version == version)
        }
    }

    @Test(arguments: [
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":"int"}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":{"key":"integer","min":2}}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":"integer","foo":1}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":{"key":{"type":"uuid","refTable":"B"}}}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":{"key":"string","value":{"type":"uuid","refTable":"B"}}}}}}}"#,
        #"{"name":"X","version":"1.2","tables":{"A":{"columns":{"a":{"type":"integer"}}}}}"#,
        #"{"name":"X","version":"1.2.3 ","tables":{"A":{"columns":{"a":{"type":"integer"}}}}}"#,
        #"{"name":"X","version":"1.2.x","tables":{"A":{"columns":{"a":{"type":"integer"}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{}}}}"#,
        #"{"name":"X","tables":{"_A":{"columns":{"a":{"type":"integer"}}}}}"#,
        #"{"name":"X","tables":{"1A":{"columns":{"a":{"type":"integer"}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"_a":{"type":"integer"}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a-b":{"type":"integer"}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":{"key":{"type":"integer","enum":["set",[1,2]],"minInteger":0}}}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":{"key":{"type":"integer","enum":["set",["x"]]}}}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":{"key":{"type":"string","enum":["set",[]]}}}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":{"key":{"type":"string","enum":["set",["a","a"]]}}}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":"integer"}},"indexes":[["b"]]}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":"integer"}},"indexes":[[]]}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":"integer"}},"indexes":[["a","a"]]}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":"integer"}},"indexes":["a"]}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":"integer","ephemeral":true}},"indexes":[["a"]]}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":"integer"}},"indexes":[["_version"]]}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":{"key":"string","max":0}}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":{"key":"string","max":"lots"}}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":{"key":"string","max":4294967295}}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":{"key":{"type":"integer","minInteger":5,"maxInteger":4}}}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":{"key":{"type":"real","minReal":5,"maxReal":4.5}}}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":{"key":{"type":"string","minLength":5,"maxLength":4}}}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":{"key":{"type":"string","maxLength":-1}}}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":{"key":{"type":"uuid","refTable":"A","refType":"soft"}}}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":{"key":{"type":"uuid","refTable":"not an id"}}}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":"integer"}},"maxRows":0}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":"integer"}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":5}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":{"key":{"minInteger":1}}}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":{"key":5}}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":"integer","mutable":"yes"}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":{"key":"string","value":"map"}}}}}}"#,
        #"{"name":"X","tables":{"A":{"columns":{"a":{"type":[]}}}}}"#,
        #"{"name":"X"}"#,
        #"{"name":"not valid","tables":{}}"#,
        #"[]"#,
    ])
    func brokenSchemasFailWithOVSToolsMessage(_ text: String) throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write(text, to: "broken.ovsschema")
        let tool = try OVSTool.run("ovsdb-tool", ["create", "\(directory.path)/db", file])
        #expect(tool.status != 0)
        let json = try JSON(parsing: text)
        do {
            _ = try DatabaseSchema(json: json)
            Issue.record("accepted \(text)")
        } catch {
            let ours = error.wrapped("failed to parse \"\(file)\" as ovsdb schema")
            #expect("ovsdb-tool: \(ours)\n" == tool.stderr)
        }
    }

    static func load(_ name: String) throws -> DatabaseSchema {
        let path = try OVSTool.installedSchema(named: name)
        return try DatabaseSchema(json: try JSON(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
    }
}
