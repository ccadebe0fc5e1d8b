#if canImport(Glibc)
import Glibc
#endif

/// The system's wall clock, as OVS's `time_wall_msec()` reads it: the `_date` of log
/// records and the compaction schedule; the server uses it for `wait` timeouts too.
public enum WallClock {
    /// Milliseconds since the Unix epoch.
    public static func milliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
