import ArgumentParser
import SyncServer

/// `digestsync create DB SCHEMA`, like `ovsdb-tool create`.
struct CreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create the database file DB from the schema file SCHEMA (like ovsdb-tool create)."
    )

    @Argument(help: "The database file to create; it must not exist.")
    var database: String

    @Argument(help: "The .ovsschema file.")
    var schema: String

    func run() throws {
        DigestSync.bootstrapLogging()
        try DigestSync.finish(OfflineTool.create(database: database, schemaPath: schema))
    }
}
