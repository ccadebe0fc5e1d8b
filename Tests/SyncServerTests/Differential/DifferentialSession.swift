import Foundation
import Testing
@testable import OVSDB
import OVSTestSupport
@testable import SyncServer

/// Runs generated transactions through `ovsdb-tool transact` on one file and through
/// DigestSync (the CLI's in-process code path, or the `digestsync` binary) on a twin,
/// and compares the replies and, periodically, the whole contents as both tools read
/// both files.
final class DifferentialSession {
    let seed: UInt64
    private let directory: TemporaryDirectory
    private let schema: DatabaseSchema
    private let ovsFile: String
    private let ourFile: String
    private var generator: TransactionGenerator
    private let ovsNames: ReplyNormalizer
    private let ourNames: ReplyNormalizer
    private(set) var statistics = Statistics()

    struct Statistics: CustomStringConvertible {
        var transactions = 0
        var committed = 0
        var failed = 0
        var binaryRuns = 0
        var contentChecks = 0
        /// How many replies failed with each error tag.
        var errorTags: [String: Int] = [:]
        /// How many operations of each kind succeeded.
        var succeeded: [String: Int] = [:]
        /// Rows seen by the last content check.
        var rows = 0
        var description: String {
            let tags = errorTags.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            let operations = succeeded.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            return "\(transactions) transactions (\(committed) committed, \(failed) failed), \(binaryRuns) through the digestsync binary, "
                + "\(contentChecks) content checks, \(rows) rows at the end; operations succeeded: \(operations); errors: \(tags)"
        }
    }

    /// Twin databases of the schema in `schemaPath`: one made by `ovsdb-tool create`, one
    /// by `digestsync create`.
    init(schemaPath: String, seed: UInt64) throws {
        self.seed = seed
        directory = try TemporaryDirectory()
        let schemaJSON = try JSON(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: schemaPath))))
        schema = try DatabaseSchema(json: schemaJSON)
        ovsFile = "\(directory.path)/ovs.db"
        ourFile = "\(directory.path)/ours.db"
        let created = try OVSTool.run("ovsdb-tool", ["create", ovsFile, schemaPath])
        guard created.status == 0 else { throw ToolFailure(description: created.stderr) }
        let ours = OfflineTool.create(database: ourFile, schemaPath: schemaPath)
        guard ours.status == 0 else { throw ToolFailure(description: ours.stderr) }
        generator = TransactionGenerator(schema: schema, seed: seed)
        let known = Set(generator.values.pools.values.flatMap { $0.map(\.description) })
        ovsNames = ReplyNormalizer(known: known)
        ourNames = ReplyNormalizer(known: known)
    }

    /// Runs `count` transactions, checking contents every `checkEvery` and at the end;
    /// every `binaryEvery`-th transaction goes through the `digestsync` executable.
    /// Stops at the first difference, recording it with the seed and transaction.
    func run(count: Int, checkEvery: Int, binaryEvery: Int, binary: String) throws {
        for number in 1...count {
            let request = generator.transaction()
            let useBinary = binaryEvery > 0 && number % binaryEvery == 0
            guard try step(request, number: number, binary: useBinary ? binary : nil) else { return }
            if number % checkEvery == 0 || number == count {
                guard try compareContents(after: number) else { return }
            }
        }
    }

    private func step(_ request: JSON, number: Int, binary: String?) throws -> Bool {
        let text = request.description
        let ovs = try OVSTool.run("ovsdb-tool", ["transact", ovsFile, text])
        let ours = try binary.map { try OVSTool.run(path: $0, ["transact", ourFile, text]) }
            .map { OfflineTool.Output(stdout: $0.stdout, stderr: $0.stderr, status: $0.status) }
            ?? OfflineTool.transact(database: ourFile, request: text)
        statistics.transactions += 1
        if binary != nil { statistics.binaryRuns += 1 }
        guard ovs.status == ours.status else {
            return fail(number, request, "exit status \(ovs.status) vs \(ours.status): \(ovs.stderr) | \(ours.stderr)")
        }
        let ovsReply = ovsNames.normalize(try JSON(parsing: ovs.stdout))
        let ourReply = ourNames.normalize(try JSON(parsing: ours.stdout))
        statistics.count(request: request, reply: ovsReply)
        guard ovsReply == ourReply else {
            return fail(number, request, "replies differ\n  ovsdb-tool: \(ovs.stdout)  digestsync: \(ours.stdout)  normalized: \(ovsReply)\n          vs \(ourReply)")
        }
        return true
    }

    /// Selects every row of every table (all columns but `_version`) four ways: each
    /// tool reading its own file and each reading the other's.
    func compareContents(after number: Int) throws -> Bool {
        var operations: [JSON] = [.string(schema.name)]
        for table in schema.tables {
            let columns = table.columns.filter { $0.index != TableSchema.versionColumn }.map { JSON.string($0.name) }
            operations.append(["op": "select", "table": .string(table.name), "where": [], "columns": .array(columns)])
        }
        let query = JSON.array(operations).description
        func ovsRead(_ file: String) throws -> JSON {
            let output = try OVSTool.run("ovsdb-tool", ["query", file, query])
            guard output.status == 0 else { throw ToolFailure(description: "ovsdb-tool query \(file): \(output.stderr)") }
            return try JSON(parsing: output.stdout)
        }
        func ourRead(_ file: String) throws -> JSON {
            let output = OfflineTool.transact(database: file, request: query, readOnly: true)
            guard output.status == 0 else { throw ToolFailure(description: "digestsync query \(file): \(output.stderr)") }
            return try JSON(parsing: output.stdout)
        }
        statistics.contentChecks += 1
        let views = [
            ("ovsdb-tool reading its file", ovsNames.normalize(try ovsRead(ovsFile))),
            ("digestsync reading the ovsdb-tool file", ovsNames.normalize(try ourRead(ovsFile))),
            ("digestsync reading its file", ourNames.normalize(try ourRead(ourFile))),
            ("ovsdb-tool reading the digestsync file", ourNames.normalize(try ovsRead(ourFile))),
        ]
        for view in views.dropFirst() where view.1 != views[0].1 {
            return fail(number, .null, "contents differ after transaction \(number): \(views[0].0) sees\n  \(views[0].1)\n\(view.0) sees\n  \(view.1)")
        }
        statistics.rows = (views[0].1.arrayValue ?? []).reduce(0) { $0 + ($1["rows"]?.arrayValue?.count ?? 0) }
        return true
    }

    private func fail(_ number: Int, _ request: JSON, _ message: String) -> Bool {
        Issue.record("differential run with seed \(seed), transaction #\(number): \(request)\n\(message)")
        return false
    }
}

extension DifferentialSession.Statistics {
    /// Counts a reply: committed or failed, its error tag, its successful operations.
    mutating func count(request: JSON, reply: JSON) {
        let results = reply.arrayValue ?? [reply]
        if let tag = results.lazy.compactMap({ $0["error"]?.stringValue }).first {
            failed += 1
            errorTags[tag, default: 0] += 1
        } else {
            committed += 1
        }
        let operations = request.arrayValue?.dropFirst() ?? []
        for (operation, result) in zip(operations, results) where result.objectValue != nil && result["error"] == nil {
            succeeded[operation["op"]?.stringValue ?? "?", default: 0] += 1
        }
    }
}
