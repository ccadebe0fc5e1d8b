import ArgumentParser
import SyncServer

/// `digestsync transact DB TXN`, like `ovsdb-tool transact`.
struct TransactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transact",
        abstract: "Run the transaction TXN (a transact request's params, as JSON) on DB and print the reply (like ovsdb-tool transact)."
    )

    @Argument(help: "The database file.")
    var database: String

    @Argument(help: #"The params of a transact request, e.g. '["DB",{"op":"select","table":"T","where":[]}]'."#)
    var transaction: String

    func run() throws {
        DigestSync.bootstrapLogging()
        try DigestSync.finish(OfflineTool.transact(database: database, request: transaction))
    }
}
