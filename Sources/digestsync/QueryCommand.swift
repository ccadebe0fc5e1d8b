import ArgumentParser
import SyncServer

/// `digestsync query DB TXN`, like `ovsdb-tool query`.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run the transaction TXN on DB opened read-only and print the reply; writes fail at commit (like ovsdb-tool query)."
    )

    @OptionGroup var arguments: TransactionArguments

    func run() throws {
        DigestSync.bootstrapLogging()
        try DigestSync.finish(OfflineTool.transact(database: arguments.database, request: arguments.transaction, readOnly: true))
    }
}
