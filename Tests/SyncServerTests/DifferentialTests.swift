import Foundation
import Testing
@testable import OVSDB
import OVSTestSupport
@testable import SyncServer

/// The differential suite: thousands of generated transactions, valid and invalid, run
/// through the real `ovsdb-tool transact` and through DigestSync on twin files; replies
/// must match (error tags, results, UUIDs matched through explicit UUIDs and insert
/// results) and so must the contents, as each tool reads each file.
@Suite(.serialized) struct DifferentialTests {
    /// DigestSync's own test schema, written to a file for both tools.
    private static func testSchemaFile(in directory: TemporaryDirectory) throws -> String {
        try directory.write(TestSchema.json.description, to: "t.ovsschema")
    }

    /// The `digestsync` executable next to the test bundle (`.build/<config>/`).
    static func digestsyncBinary() throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("digestsync").path,
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/debug/digestsync").path,
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ToolFailure(description: "digestsync binary not found in \(candidates); run swift build first")
        }
        return found
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func testSchemaTransactionsMatchOVSDBTool(seed: UInt64) throws {
        let directory = try TemporaryDirectory()
        let session = try DifferentialSession(schemaPath: try Self.testSchemaFile(in: directory), seed: seed)
        try session.run(count: 500, checkEvery: 25, binaryEvery: 20, binary: try Self.digestsyncBinary())
        print("differential T seed \(seed): \(session.statistics)")
        #expect(session.statistics.transactions == 500)
    }

    @Test(arguments: [UInt64(11), 12])
    func southboundTransactionsMatchOVSDBTool(seed: UInt64) throws {
        let session = try DifferentialSession(schemaPath: try OVSTool.installedSchema(named: "ovn-sb.ovsschema"), seed: seed)
        try session.run(count: 400, checkEvery: 25, binaryEvery: 20, binary: try Self.digestsyncBinary())
        print("differential OVN_Southbound seed \(seed): \(session.statistics)")
        #expect(session.statistics.transactions == 400)
    }
}
