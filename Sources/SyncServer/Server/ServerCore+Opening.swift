import Logging
import NIOCore
import OVSDB

extension ServerCore {
    /// Opens the database files of `configuration` for writing, rebuilds their
    /// histories from their last records, builds `_Server`, and returns the core; runs
    /// on `loop`, the database loop.
    static func open(_ configuration: ServerConfiguration, loop: EventLoop, logger: Logger) throws(ServerError) -> ServerCore {
        var databases: [HostedDatabase] = []
        var names: Set<String> = [DatabaseSchema.server.name]
        do throws(ServerError) {
            for path in configuration.databases {
                let storage: StandaloneStorage
                do {
                    storage = try StandaloneStorage.open(path: path, mode: .readWrite, logger: logger,
                                                         keepingChanges: configuration.historyLength)
                } catch {
                    throw .openFailed(path: path, error)
                }
                let database = HostedDatabase(storage: storage, historyLength: configuration.historyLength)
                databases.append(database)
                guard names.insert(database.name).inserted else {
                    throw .duplicateDatabase(name: database.name, path: path)
                }
                logger.info("serving database \(database.name) from \(path): \(database.database.rowCount) rows")
            }
            let server: Database
            do {
                server = try ServerDatabase.make(describing: databases.map(\.database.schema))
            } catch {
                throw .serverDatabase(error)
            }
            databases.append(HostedDatabase(inMemory: server))
        } catch {
            for database in databases { database.close() }
            throw error
        }
        return ServerCore(databases: databases, loop: loop, logger: logger, digest: configuration.digest)
    }
}
