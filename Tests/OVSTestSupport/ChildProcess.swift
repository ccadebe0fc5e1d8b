import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program started with `posix_spawn`, for tests that run the real Open vSwitch tools
/// and servers concurrently.
///
/// Foundation's `Process.run()` crashed in `memcpy` when parameterized tests spawned
/// programs from several threads at once; this type spawns directly, with standard
/// input from a file or /dev/null, standard output and error to files (so a large
/// output can never block the child), no other file descriptor of the test process, the
/// default signal mask and dispositions (children
/// of test threads would otherwise inherit a mask that blocks SIGTERM), and bounded waits.
public final class ChildProcess: @unchecked Sendable {
    /// The child's process id.
    public let pid: pid_t
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Starts `path` with `arguments`; `nil` paths mean /dev/null.
    public init(path: String, arguments: [String], stdin: String? = nil, stdout: String? = nil,
                stderr: String? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // Nothing else of the test process reaches the child: an inherited socket would
        // stay open in the child after the test closed it, so its peer never saw the
        // close (a client waiting for a disconnect that never came).
        guard let closeFrom = Self.addCloseFrom, closeFrom(&actions, 3) == 0 else {
            throw ToolFailure(description: "posix_spawn_file_actions_addclosefrom_np (glibc 2.34 or later) is missing")
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, path, &actions, &attributes, &argv, environ)
        guard result == 0 else {
            throw ToolFailure(description: "cannot start \(path): \(String(cString: strerror(result)))")
        }
        pid = child
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's
    /// Glibc module does not export, looked up by name.
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            return nil
        }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// True until the child has exited (and been reaped).
    public var isRunning: Bool { poll() == nil }

    /// The exit status once the child has exited: its exit code, or 128 + the signal
    /// that ended it (as a shell reports it); `nil` while it runs.
    @discardableResult
    public func poll() -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        let signal = status & 0x7f
        exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return exitStatus
    }

    /// Waits at most `timeout` seconds for the child to exit; its status, or `nil`.
    public func wait(timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let status = poll() { return status }
            if Date() >= deadline { return nil }
            Thread.sleep(forTimeInterval: 0.002)
        }
    }

    /// Sends `signal` to the child if it still runs.
    public func send(_ signal: Int32) {
        if isRunning { _ = Glibc.kill(pid, signal) }
    }

    /// Stops the child: SIGTERM, then SIGKILL after `grace` seconds; reaps it.
    public func stop(grace: TimeInterval = 2) {
        guard isRunning else { return }
        send(SIGTERM)
        if wait(timeout: grace) == nil {
            send(SIGKILL)
            _ = wait(timeout: 10)
        }
    }

    deinit {
        stop(grace: 0.5)
    }
}
