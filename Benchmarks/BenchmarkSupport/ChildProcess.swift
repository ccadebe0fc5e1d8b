#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A program started by this process with `posix_spawn`, which it alone waits for.
///
/// Benchmarks and tests start servers and tools through it (``ServerProcess``,
/// ``ToolRunner``, the test support's tool runner); Foundation's `Process` crashed in
/// `memcpy` when tests spawned from several threads at once. The child starts with an
/// empty signal mask and default signal actions, so `SIGTERM` stops it even when the
/// spawning thread blocks that signal (the test runner's threads do). Standard input is
/// a file or `/dev/null`; standard output and error go to files, so a chatty child can
/// never block on a full pipe. The child stays in this process's process group, so an
/// interrupt at the terminal stops it too.
public final class ChildProcess: Sendable {
    /// The child's process id.
    public let pid: pid_t
    /// The program that was started.
    public let executable: String
    /// How the child ended, once it has been reaped.
    private let exitStatus = Mutex<Int32?>(nil)

    private init(pid: pid_t, executable: String) {
        self.pid = pid
        self.executable = executable
    }

    /// Starts `executable` with `arguments`: standard input from `inputPath`, standard
    /// output appended to `outputPath`, standard error appended to `errorPath` or, when
    /// that is nil, to the same file as standard output (`/dev/null` for nil paths).
    public static func spawn(_ executable: String, _ arguments: [String], inputPath: String? = nil,
                             outputPath: String? = nil, errorPath: String? = nil) throws(ProcessError) -> ChildProcess {
        guard access(executable, X_OK) == 0 else { throw .notExecutable(executable) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inputPath ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        if let errorPath {
            posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        Self.closeInheritedDescriptors(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard status == 0 else { throw .spawnFailed(executable, errno: status) }
        return ChildProcess(pid: pid, executable: executable)
    }

    /// The exit status (or 128 + signal number) if the child has ended; reaps it.
    public func poll() -> Int32? {
        exitStatus.withLock { status in
            if let status { return status }
            var raw: Int32 = 0
            let result = waitpid(pid, &raw, WNOHANG)
            if result == -1 && errno == ECHILD {
                status = Self.reapedElsewhere
                return status
            }
            guard result == pid else { return nil }
            status = Self.decode(raw)
            return status
        }
    }

    /// True until the child has ended.
    public var isRunning: Bool { poll() == nil }

    /// Sends `signal` to the child if it is still running.
    public func send(_ signal: Int32) {
        if isRunning { _ = kill(pid, signal) }
    }

    /// Waits up to `timeout` for the child to end; returns its status, or nil if it is
    /// still running.
    public func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = poll() { return status }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return poll()
    }

    /// Waits up to `timeout` for the child to end, blocking the calling thread (for
    /// synchronous test helpers); returns its status, or nil if it is still running.
    public func waitForExitBlocking(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = poll() { return status }
            usleep(2_000)
        }
        return poll()
    }

    /// Stops the child: `SIGTERM`, then `SIGKILL` if it is still running after `grace`.
    /// Returns its exit status.
    @discardableResult
    public func terminate(grace: Duration) async -> Int32 {
        send(SIGTERM)
        if let status = await waitForExit(timeout: grace) { return status }
        return killAndReap()
    }

    /// ``terminate(grace:)`` for synchronous callers: blocks the calling thread.
    @discardableResult
    public func terminateBlocking(grace: Duration) -> Int32 {
        send(SIGTERM)
        if let status = waitForExitBlocking(timeout: grace) { return status }
        return killAndReap()
    }

    /// Stops the child with `SIGKILL` at once and waits for it (it cannot refuse).
    @discardableResult
    public func killAndReap() -> Int32 {
        exitStatus.withLock { status in
            if let status { return status }
            _ = kill(pid, SIGKILL)
            var raw: Int32 = 0
            var result: pid_t
            repeat {
                result = waitpid(pid, &raw, 0)
            } while result == -1 && errno == EINTR
            let decoded = result == pid ? Self.decode(raw) : Self.reapedElsewhere
            status = decoded
            return decoded
        }
    }

    deinit {
        killAndReap()
    }

    /// Adds "close every descriptor from 3 up" to `actions` (glibc 2.34's
    /// `posix_spawn_file_actions_addclosefrom_np`, looked up at run time because Swift's
    /// Glibc module does not export it). Without it a child inherits this process's
    /// sockets, and a server started by a test keeps its clients' connections open after
    /// the clients close them.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else {  // nil: RTLD_DEFAULT
            return
        }
        _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, 3)
    }

    /// The status reported when something else in this process reaped the child first.
    public static let reapedElsewhere: Int32 = -1

    /// The exit code, or 128 + the signal number for a child killed by a signal.
    private static func decode(_ raw: Int32) -> Int32 {
        let signal = raw & 0x7F
        return signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
    }
}
