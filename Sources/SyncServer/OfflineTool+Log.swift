import Logging
import OVSDB

extension OfflineTool {
    /// `compact DB [DST]`: rewrites `database` as its schema and one snapshot record
    /// (atomically, through a temporary file), or writes that compacted copy to
    /// `destination` and leaves `database` alone.
    public static func compact(database: String, destination: String? = nil,
                               logger: Logger = Logger(label: "digestsync")) -> Output {
        do {
            let storage = try StandaloneStorage.open(path: database, mode: destination == nil ? .readWrite : .readOnly, logger: logger)
            defer { storage.close() }
            guard let destination else {
                try storage.compact()
                return Output()
            }
            let copy = try StandaloneStorage.create(path: destination, schema: storage.database.schema)
            defer { copy.close() }
            try copy.compact(from: storage.database)
            return Output()
        } catch {
            return .failure(error.description)
        }
    }

    /// `show-log [-m|-mm] DB`: one paragraph per record, as `ovsdb-tool show-log` prints
    /// them (see ``LogPrinter``). A damaged end is printed as the fatal error after the
    /// good records.
    public static func showLog(database: String, verbosity: Int = 0) -> Output {
        let contents: LogContents
        do {
            contents = try LogFile.open(path: database, mode: .readOnly).readAll()
        } catch {
            return .failure(error.description)
        }
        var printer = LogPrinter(verbosity: verbosity)
        var output = Output()
        for record in contents.records {
            output.stdout += printer.describe(record)
        }
        if let damage = contents.damage {
            output.stderr = "digestsync: \(damage)\n"
            output.status = 1
        }
        return output
    }
}
