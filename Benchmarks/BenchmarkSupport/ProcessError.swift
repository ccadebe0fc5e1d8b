#if canImport(Glibc)
import Glibc
#endif

/// Why a child process could not be run or did not behave.
public enum ProcessError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The program does not exist or is not executable.
    case notExecutable(String)
    /// `posix_spawn` failed with `errno`.
    case spawnFailed(String, errno: Int32)
    /// A program was not found in any of the searched directories.
    case notInstalled(String, searched: [String])
    /// The command did not finish in time and was killed.
    case timedOut(command: String, seconds: Double)
    /// The command exited with a failure status.
    case failed(command: String, status: Int32, output: String)

    /// What went wrong and what to do about it.
    public var description: String {
        switch self {
        case .notExecutable(let path): return "\(path) is not an executable file"
        case .spawnFailed(let path, let code): return "cannot start \(path): \(String(cString: strerror(code)))"
        case .notInstalled(let name, let searched):
            return "\(name) not found in \(searched.joined(separator: ":")) (install it, e.g. `make deps`)"
        case .timedOut(let command, let seconds): return "\(command) did not finish within \(seconds) s (killed)"
        case .failed(let command, let status, let output): return "\(command) exited with status \(status): \(output)"
        }
    }
}
