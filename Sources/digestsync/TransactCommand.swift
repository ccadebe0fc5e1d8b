import ArgumentParser
import SyncServer

/// `digestsync transact DB TXN`, like `ovsdb-tool transact`.
struct TransactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transact",
        abstract: "Run the transaction TXN (a transact request's params, as JSON) on DB and print the reply (like ovsdb-tool transact)."
    )

    @OptionGroup var arguments: TransactionArguments

    func run() throws {
        DigestSync.bootstrapLogging()
        try DigestSync.finish(OfflineTool.transact(database: arguments.database, request: arguments.transaction))
    }
}
