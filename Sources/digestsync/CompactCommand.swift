import ArgumentParser
import SyncServer

/// `digestsync compact DB [DST]`, like `ovsdb-tool compact`.
struct CompactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Rewrite DB as one snapshot, atomically, or write the compacted copy to DST (like ovsdb-tool compact)."
    )

    @Argument(help: "The database file.")
    var database: String

    @Argument(help: "Write the compacted copy here instead of replacing DB.")
    var destination: String?

    func run() throws {
        DigestSync.bootstrapLogging()
        try DigestSync.finish(OfflineTool.compact(database: database, destination: destination))
    }
}
