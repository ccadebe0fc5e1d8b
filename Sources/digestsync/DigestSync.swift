import ArgumentParser
import Logging
import SyncServer

/// `digestsync`: the DigestSync command line. The offline database commands work like
/// their `ovsdb-tool` twins on the same files.
@main
struct DigestSync: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digestsync",
        abstract: "An OVSDB server with difference-digest resync, and offline tools for its database files.",
        subcommands: [CreateCommand.self, TransactCommand.self, QueryCommand.self, CompactCommand.self, ShowLogCommand.self]
    )

    /// Sends log messages (the storage's warnings) to standard error.
    static func bootstrapLogging() {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
    }

    /// Prints `output` and exits with its status.
    static func finish(_ output: OfflineTool.Output) throws {
        if !output.stdout.isEmpty { print(output.stdout, terminator: "") }
        if !output.stderr.isEmpty { FileHandleOutput.standardError(output.stderr) }
        if output.status != 0 { throw ExitCode(output.status) }
    }
}
