import ArgumentParser
import SyncServer

/// `digestsync show-log [-m|-mm] DB`, like `ovsdb-tool show-log`.
struct ShowLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show-log",
        abstract: "Print the records of DB (like ovsdb-tool show-log); -m adds the rows each changes, -mm their values."
    )

    @Flag(name: .customShort("m"), help: "More detail: once for rows, twice for column values.")
    var more: Int

    @Argument(help: "The database file.")
    var database: String

    func run() throws {
        DigestSync.bootstrapLogging()
        try DigestSync.finish(OfflineTool.showLog(database: database, verbosity: more))
    }
}
