import Foundation
#if canImport(Glibc)
import Glibc
#endif
import OVSDB

/// Failures of the interop helpers, with what a reader needs to reproduce them.
struct ToolFailure: Error, CustomStringConvertible {
    var description: String
}

/// A directory under the system temporary directory, removed when released.
final class TemporaryDirectory: @unchecked Sendable {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = "\(base)/ovsdb-tests-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func write(_ text: String, to name: String) throws -> String {
        let file = "\(path)/\(name)"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

/// Runs the installed Open vSwitch programs (`ovsdb-tool`, `ovsdb-client`,
/// `ovsdb-server`, `dpkg`) with a deadline, output captured through files so that a
/// large output can never block the child.
enum OVSTool {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func executable(_ name: String) throws -> String {
        for directory in ["/usr/bin", "/usr/sbin", "/bin", "/sbin"] {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw ToolFailure(description: "\(name) is not installed (run `make deps`)")
    }

    static func run(_ name: String, _ arguments: [String], timeout: TimeInterval = 30) throws -> Output {
        let scratch = try TemporaryDirectory()
        let outPath = "\(scratch.path)/stdout"
        let errPath = "\(scratch.path)/stderr"
        guard FileManager.default.createFile(atPath: outPath, contents: nil),
              FileManager.default.createFile(atPath: errPath, contents: nil) else {
            throw ToolFailure(description: "cannot create output files in \(scratch.path)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable(name))
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.005)
        }
        if process.isRunning {
            kill(process)
            throw ToolFailure(description: "\(name) \(arguments) did not finish within \(timeout) s")
        }
        return Output(status: process.terminationStatus,
                      stdout: try String(contentsOfFile: outPath, encoding: .utf8),
                      stderr: try String(contentsOfFile: errPath, encoding: .utf8))
    }

    /// Stops `process` with SIGKILL and reaps it (SIGTERM may be blocked in children of
    /// the test runner's threads).
    static func kill(_ process: Process) {
        guard process.isRunning else { return }
        _ = Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// The `.ovsschema` files installed by the Debian packages, found with `dpkg -L`.
    static func installedSchemas() throws -> [String] {
        let packages = ["ovn-common", "openvswitch-common", "openvswitch-vtep", "ovn-central", "openvswitch-switch"]
        let output = try run("dpkg", ["-L"] + packages)
        let paths = Set(output.stdout.split(separator: "\n").map(String.init).filter { $0.hasSuffix(".ovsschema") })
        return paths.sorted()
    }

    /// The installed schema whose file name is `name` (e.g. "ovn-sb.ovsschema").
    static func installedSchema(named name: String) throws -> String {
        guard let path = try installedSchemas().first(where: { $0.hasSuffix("/\(name)") }) else {
            throw ToolFailure(description: "\(name) not installed (run `make deps`)")
        }
        return path
    }
}

/// A standalone database file made by `ovsdb-tool create`, queried and changed by
/// `ovsdb-tool query` / `ovsdb-tool transact`: OVS itself as the oracle.
final class ScratchDatabase: @unchecked Sendable {
    let directory: TemporaryDirectory
    let file: String
    let name: String

    init(schema: JSON) throws {
        directory = try TemporaryDirectory()
        name = schema["name"]?.stringValue ?? ""
        let schemaFile = try directory.write(schema.description, to: "schema.ovsschema")
        file = "\(directory.path)/db"
        let created = try OVSTool.run("ovsdb-tool", ["create", file, schemaFile])
        guard created.status == 0 else {
            throw ToolFailure(description: "ovsdb-tool create failed: \(created.stderr)")
        }
    }

    /// Runs the operations with `ovsdb-tool transact` and returns the result array.
    func transact(_ operations: [JSON]) throws -> [JSON] {
        try run("transact", operations)
    }

    /// Runs read-only operations with `ovsdb-tool query` and returns the result array.
    func query(_ operations: [JSON]) throws -> [JSON] {
        try run("query", operations)
    }

    private func run(_ command: String, _ operations: [JSON]) throws -> [JSON] {
        let transaction = JSON.array([.string(name)] + operations).description
        let output = try OVSTool.run("ovsdb-tool", [command, file, transaction])
        guard output.status == 0, let results = try JSON(parsing: output.stdout).arrayValue else {
            throw ToolFailure(description: "ovsdb-tool \(command) failed: \(output.stderr)")
        }
        return results
    }
}
