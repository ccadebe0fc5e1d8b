#if canImport(Glibc)
import Glibc
#endif

/// The lock `ovsdb-tool` and `ovsdb-server` take before writing a database file: a
/// POSIX write lock on `.<name>.~lock~` next to it (OVS's `lib/lockfile.c`), so that
/// DigestSync and Open vSwitch never write the same file at once. Released on `unlock()`
/// or when the process exits; the empty lock file stays, as with OVS.
final class FileLock {
    private var descriptor: Int32

    /// Locks `path`'s lock file, failing at once if another process holds it.
    init(for path: String) throws(LogFileError) {
        let lockPath = FileLock.lockPath(for: path)
        descriptor = Glibc.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .io(path: lockPath, operation: "open", errno: errno) }
        var request = flock()
        request.l_type = Int16(F_WRLCK)
        request.l_whence = Int16(SEEK_SET)
        guard fcntl(descriptor, F_SETLK, &request) == 0 else {
            let code = errno
            Glibc.close(descriptor)
            descriptor = -1
            if code == EAGAIN || code == EACCES { throw .locked(path: path) }
            throw .io(path: lockPath, operation: "lock", errno: code)
        }
    }

    /// `dir/.name.~lock~` for `dir/name`.
    static func lockPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(directory).\(name).~lock~"
    }

    /// Releases the lock.
    func unlock() {
        if descriptor >= 0 {
            Glibc.close(descriptor)
            descriptor = -1
        }
    }

    deinit {
        unlock()
    }
}
