import ArgumentParser
import SyncServer

/// `digestsync query DB TXN`, like `ovsdb-tool query`.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run the transaction TXN on DB opened read-only and print the reply; writes fail at commit (like ovsdb-tool query)."
    )

    @Argument(help: "The database file.")
    var database: String

    @Argument(help: "The params of a transact request.")
    var transaction: String

    func run() throws {
        DigestSync.bootstrapLogging()
        try DigestSync.finish(OfflineTool.transact(database: database, request: transaction, readOnly: true))
    }
}
