import Foundation
import Testing
@testable import OVSDB
import OVSTestSupport
@testable import SyncServer

/// Files and commands against the real OVS 3.1.0 tools: files each writes open in the
/// other with the same contents, `show-log` prints the same, the lock excludes
/// `ovsdb-tool`, and the OVS 3.1.0 diffs it cannot read back itself are read right.
@Suite(.serialized) struct FileInteropTests {
    private let directory: TemporaryDirectory
    private let schemaPath: String

    init() throws {
        directory = try TemporaryDirectory()
        schemaPath = try directory.write(TestSchema.json.description, to: "t.ovsschema")
    }

    private func ovsTool(_ arguments: String...) throws -> OVSTool.Output {
        try OVSTool.run("ovsdb-tool", arguments)
    }

    private func request(_ operations: JSON...) -> String {
        request(operations)
    }

    private func request(_ operations: [JSON]) -> String {
        JSON.array(["T"] + operations).description
    }

    private static let script: [[JSON]] = [
        [["op": "insert", "table": "Root", "uuid": .string(EngineFixture.uuid(1)), "row": ["name": "a", "si": ["set", [1, 2, 3]], "m": ["map", [["x", 1], ["y", 2]]], "s1n": 4, "child": ["named-uuid", "c"]]],
         ["op": "insert", "table": "Child", "uuid-name": "c", "row": ["n": 1]], ["op": "comment", "comment": "first"]],
        [["op": "mutate", "table": "Root", "where": [], "mutations": [["si", "delete", 1], ["si", "insert", 4], ["m", "insert", ["map", [["z", 3]]]], ["s1n", "insert", 9]]]],
        [["op": "update", "table": "Root", "where": [], "row": ["m": ["map", [["x", 10], ["z", 3]]], "name": "b"]]],
        [["op": "insert", "table": "Root", "uuid": .string(EngineFixture.uuid(2)), "row": ["name": "w", "weak": EngineFixture.ref(1)]]],
        [["op": "delete", "table": "Root", "where": [["name", "==", "b"]]]],
    ]

    private static let everything = JSON.array(["T"] + TestSchemaQuery.selects)

    @Test func filesWrittenByOVSDBToolOpenInDigestSyncWithTheSameContents() throws {
        let file = "\(directory.path)/ovs.db"
        #expect(try ovsTool("create", file, schemaPath).status == 0)
        for operations in Self.script {
            #expect(try ovsTool("transact", file, request(operations)).status == 0)
            let ovs = try JSON(parsing: try ovsTool("query", file, Self.everything.description).stdout)
            let ours = try JSON(parsing: OfflineTool.transact(database: file, request: Self.everything.description, readOnly: true).stdout)
            #expect(TestSchemaQuery.normalized(ovs) == TestSchemaQuery.normalized(ours))
        }
        let records = try LogFile.open(path: file, mode: .readOnly).readAll().records
        #expect(records.dropFirst().allSatisfy { $0.json["_is_diff"] == true })
    }

    @Test func filesWrittenByDigestSyncOpenInOVSDBToolWithTheSameContents() throws {
        let file = "\(directory.path)/ours.db"
        #expect(OfflineTool.create(database: file, schemaPath: schemaPath).status == 0)
        for operations in Self.script {
            #expect(OfflineTool.transact(database: file, request: request(operations)).status == 0)
            let ovs = try ovsTool("query", file, Self.everything.description)
            #expect(ovs.status == 0, "\(ovs.stderr)")
            let ours = try JSON(parsing: OfflineTool.transact(database: file, request: Self.everything.description, readOnly: true).stdout)
            #expect(TestSchemaQuery.normalized(try JSON(parsing: ovs.stdout)) == TestSchemaQuery.normalized(ours))
        }
        #expect(OfflineTool.compact(database: file).status == 0)
        let compacted = try ovsTool("query", file, Self.everything.description)
        #expect(compacted.status == 0)
        #expect(try ovsTool("show-log", file).status == 0)
        let ours = try JSON(parsing: OfflineTool.transact(database: file, request: Self.everything.description, readOnly: true).stdout)
        #expect(TestSchemaQuery.normalized(try JSON(parsing: compacted.stdout)) == TestSchemaQuery.normalized(ours))
    }

    @Test func showLogPrintsWhatOVSDBToolPrints() throws {
        let ovsFile = "\(directory.path)/ovs.db"
        let ourFile = "\(directory.path)/ours.db"
        #expect(try ovsTool("create", ovsFile, schemaPath).status == 0)
        #expect(OfflineTool.create(database: ourFile, schemaPath: schemaPath).status == 0)
        for operations in Self.script {
            _ = try ovsTool("transact", ovsFile, request(operations))
            _ = OfflineTool.transact(database: ourFile, request: request(operations))
        }
        for file in [ovsFile, ourFile] {
            #expect(try ovsTool("show-log", file).stdout == OfflineTool.showLog(database: file).stdout)
            for level in [1, 2] {
                let flag = level == 1 ? "-m" : "-mm"
                let ovs = try ovsTool("show-log", flag, file).stdout
                let ours = OfflineTool.showLog(database: file, verbosity: level).stdout
                #expect(Self.paragraphs(ovs) == Self.paragraphs(ours), "\(flag) \(file)")
            }
        }
    }

    /// Each record's lines as a set: OVS prints tables, rows and columns in hash order.
    private static func paragraphs(_ text: String) -> [Set<Substring>] {
        text.split(separator: "\n\n", omittingEmptySubsequences: false).map { Set($0.split(separator: "\n")) }
    }

    @Test func theLockKeepsOVSDBToolOutWhileDigestSyncWrites() throws {
        let file = "\(directory.path)/locked.db"
        #expect(OfflineTool.create(database: file, schemaPath: schemaPath).status == 0)
        let storage = try StandaloneStorage.open(path: file, mode: .readWrite, logger: CapturedLog().logger)
        let blocked = try ovsTool("transact", file, request(["op": "insert", "table": "Other", "row": [:]]))
        #expect(blocked.status == 1)
        #expect(blocked.stderr.contains("failed to lock lockfile"))
        storage.close()
        #expect(try ovsTool("transact", file, request(["op": "insert", "table": "Other", "row": [:]])).status == 0)
    }

    @Test func diffsOVS310CannotReadBackAreReadWithFixedSemantics() throws {
        let file = "\(directory.path)/bugs.db"
        #expect(try ovsTool("create", file, schemaPath).status == 0)
        _ = try ovsTool("transact", file, request(["op": "insert", "table": "Root", "uuid": .string(EngineFixture.uuid(1)), "row": ["name": "d", "s3": ["set", ["a", "b", "c"]]]]))
        _ = try ovsTool("transact", file, request(["op": "mutate", "table": "Root", "where": [], "mutations": [["s1n", "insert", 5]]]))
        let query = request(["op": "select", "table": "Root", "where": [], "columns": ["s1n", "s3"]])
        // OVS 3.1.0 replaces a default-valued s1n by the diff: it reads back 5, not {0, 5}.
        #expect(try JSON(parsing: try ovsTool("query", file, query).stdout) == [["rows": [["s1n": 5, "s3": ["set", ["a", "b", "c"]]]]]])
        #expect(try JSON(parsing: OfflineTool.transact(database: file, request: query, readOnly: true).stdout)
                == [["rows": [["s1n": ["set", [0, 5]], "s3": ["set", ["a", "b", "c"]]]]]])
        // Replacing {a,b,c} by {d,e,f} makes OVS 3.1.0 write a 6-element diff it refuses to read.
        _ = try ovsTool("transact", file, request(["op": "update", "table": "Root", "where": [], "row": ["s3": ["set", ["d", "e", "f"]]]]))
        #expect(try ovsTool("query", file, query).status == 1)
        #expect(try JSON(parsing: OfflineTool.transact(database: file, request: query, readOnly: true).stdout)
                == [["rows": [["s1n": ["set", [0, 5]], "s3": ["set", ["d", "e", "f"]]]]]])
    }
}

/// A query of every row of every table of the test schema, and its normalization for
/// comparing tools (no `_version`, rows sorted).
enum TestSchemaQuery {
    static var selects: [JSON] {
        guard let schema = try? TestSchema.schema else { return [] }
        return schema.tables.map { table in
            let columns = table.columns.filter { $0.index != TableSchema.versionColumn }.map { JSON.string($0.name) }
            return ["op": "select", "table": .string(table.name), "where": [], "columns": .array(columns)]
        }
    }

    static func normalized(_ reply: JSON) -> JSON {
        .array((reply.arrayValue ?? []).map { result in
            let rows = (result["rows"]?.arrayValue ?? []).map { $0.serializedString(sortingKeys: true) }.sorted()
            return .array(rows.map { .string($0) })
        })
    }
}
