import OVSDB

/// Why an ``OVSDBServer`` could not start.
public enum ServerError: Error, Sendable, CustomStringConvertible {
    /// A database file could not be opened.
    case openFailed(path: String, StorageError)
    /// Two files hold databases of the same name (or one is named `_Server`).
    case duplicateDatabase(name: String, path: String)
    /// A remote that connects out (`tcp:`, `ssl:`, `unix:`) where only listening ones
    /// are supported.
    case activeRemote(OVSDBRemote)
    /// A `pssl:` remote without `--private-key`, `--certificate` and `--ca-cert`.
    case missingTLSFiles(OVSDBRemote)
    /// The TLS files could not be loaded.
    case tls(String)
    /// Listening on a remote failed.
    case bindFailed(OVSDBRemote, String)
    /// The `_Server` database could not be built.
    case serverDatabase(OVSDBError)

    /// What went wrong, naming the file or remote.
    public var description: String {
        switch self {
        case .openFailed(let path, let error): return "\(path): \(error)"
        case .duplicateDatabase(let name, let path): return "\(path): a database named \(name) is already served"
        case .activeRemote(let remote): return "\(remote): only ptcp:, pssl: and punix: remotes can be served"
        case .missingTLSFiles(let remote): return "\(remote): --private-key, --certificate and --ca-cert are required"
        case .tls(let reason): return "cannot load the TLS files: \(reason)"
        case .bindFailed(let remote, let reason): return "\(remote): cannot listen: \(reason)"
        case .serverDatabase(let error): return "cannot build the _Server database: \(error)"
        }
    }
}
