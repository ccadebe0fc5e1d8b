import Foundation
#if canImport(Glibc)
import Glibc
#endif
import BenchmarkSupport
import OVSDB

/// Runs the installed Open vSwitch programs (`ovsdb-tool`, `ovsdb-client`,
/// `ovsdb-server`, `dpkg`) with a deadline, output captured through files so that a
/// large output can never block the child.
public enum OVSTool {
    /// What a finished program left.
    public struct Output: Sendable {
        /// The exit status.
        public var status: Int32
        /// Everything written to standard output.
        public var stdout: String
        /// Everything written to standard error.
        public var stderr: String
    }

    /// The installed program called `name`.
    public static func executable(_ name: String) throws -> String {
        for directory in ["/usr/bin", "/usr/sbin", "/bin", "/sbin"] {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw ToolFailure(description: "\(name) is not installed (run `make deps`)")
    }

    /// Runs the installed program `name` with `arguments` and waits at most `timeout`.
    public static func run(_ name: String, _ arguments: [String], timeout: TimeInterval = 30) throws -> Output {
        try run(path: try executable(name), arguments, timeout: timeout)
    }

    /// Runs the program at `path` with `arguments` and waits at most `timeout`.
    public static func run(path: String, _ arguments: [String], timeout: TimeInterval = 30) throws -> Output {
        let name = (path as NSString).lastPathComponent
        let scratch = try TemporaryDirectory()
        let outPath = "\(scratch.path)/stdout"
        let errPath = "\(scratch.path)/stderr"
        guard FileManager.default.createFile(atPath: outPath, contents: nil),
              FileManager.default.createFile(atPath: errPath, contents: nil) else {
            throw ToolFailure(description: "cannot create output files in \(scratch.path)")
        }
        let process = try ChildProcess.spawn(path, arguments, outputPath: outPath, errorPath: errPath)
        guard let status = process.waitForExitBlocking(timeout: .seconds(timeout)) else {
            process.killAndReap()
            throw ToolFailure(description: "\(name) \(arguments) did not finish within \(timeout) s")
        }
        return Output(status: status,
                      stdout: try String(contentsOfFile: outPath, encoding: .utf8),
                      stderr: try String(contentsOfFile: errPath, encoding: .utf8))
    }

    /// The `.ovsschema` files installed by the Debian packages, found with `dpkg -L`.
    public static func installedSchemas() throws -> [String] {
        let packages = ["ovn-common", "openvswitch-common", "openvswitch-vtep", "ovn-central", "openvswitch-switch"]
        let output = try run("dpkg", ["-L"] + packages)
        let paths = Set(output.stdout.split(separator: "\n").map(String.init).filter { $0.hasSuffix(".ovsschema") })
        return paths.sorted()
    }

    /// The installed schema whose file name is `name` (e.g. "ovn-sb.ovsschema").
    public static func installedSchema(named name: String) throws -> String {
        guard let path = try installedSchemas().first(where: { $0.hasSuffix("/\(name)") }) else {
            throw ToolFailure(description: "\(name) not installed (run `make deps`)")
        }
        return path
    }
}
