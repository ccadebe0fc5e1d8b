import Foundation

/// Runs a command-line tool to completion with a deadline and returns what it printed:
/// how the benchmarks call `ovsdb-tool` (create, compact, create-cluster, transact).
public enum ToolRunner {
    /// What a finished command printed, standard output and error together.
    public struct Output: Sendable {
        /// The exit status (see ``ChildProcess/poll()``).
        public var status: Int32
        /// Standard output and standard error, interleaved as written.
        public var text: String
    }

    /// Runs `executable` with `arguments`; kills it and throws
    /// ``ProcessError/timedOut(command:seconds:)`` if it takes longer than `timeout`.
    public static func run(_ executable: String, _ arguments: [String],
                           timeout: Duration = .seconds(120)) async throws(ProcessError) -> Output {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("digestsync-tool-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let child = try ChildProcess.spawn(executable, arguments, outputPath: outputPath)
        guard let status = await child.waitForExit(timeout: timeout) else {
            child.killAndReap()
            throw .timedOut(command: commandLine(executable, arguments), seconds: Double(timeout.components.seconds))
        }
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return Output(status: status, text: text)
    }

    /// Runs the command and throws ``ProcessError/failed(command:status:output:)``
    /// unless it exits with status 0; returns its output.
    @discardableResult
    public static func check(_ executable: String, _ arguments: [String],
                             timeout: Duration = .seconds(120)) async throws(ProcessError) -> String {
        let output = try await run(executable, arguments, timeout: timeout)
        guard output.status == 0 else {
            throw .failed(command: commandLine(executable, arguments), status: output.status, output: output.text)
        }
        return output.text
    }

    /// The command as a shell would show it, long arguments shortened, for messages.
    static func commandLine(_ executable: String, _ arguments: [String]) -> String {
        ([executable] + arguments).map { $0.count > 200 ? String($0.prefix(200)) + "..." : $0 }.joined(separator: " ")
    }
}
