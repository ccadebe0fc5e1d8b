import Foundation

/// A fresh directory under the system's temporary directory (`TMPDIR`), removed with
/// everything in it when released unless ``keep`` is set: where benchmarks and tests
/// put database files, sockets and server logs.
public final class ScratchDirectory: @unchecked Sendable {
    /// The directory's path.
    public let path: String
    /// Leave the directory in place when released (to inspect a run's files).
    public var keep = false

    /// Creates `<tmp>/<prefix>-<random>`.
    public init(prefix: String = "digestsync-bench") throws(ScratchDirectoryError) {
        let base = FileManager.default.temporaryDirectory.path
        path = "\(base)/\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ScratchDirectoryError(path: path, reason: "\(error)")
        }
    }

    deinit {
        if !keep { try? FileManager.default.removeItem(atPath: path) }
    }
}

/// The scratch directory could not be created.
public struct ScratchDirectoryError: Error, Sendable, CustomStringConvertible {
    /// The directory that was to be created.
    public var path: String
    /// What the file system said.
    public var reason: String

    /// What went wrong.
    public var description: String { "cannot create \(path): \(reason)" }
}
