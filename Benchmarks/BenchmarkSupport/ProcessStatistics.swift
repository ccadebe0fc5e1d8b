#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A server process's resource use as Linux reports it in `/proc`: what the server
/// benchmarks compare between servers (CPU seconds over a phase, peak memory).
public struct ProcessStatistics: Hashable, Sendable {
    /// User plus system CPU time so far, in seconds (`utime + stime` of
    /// `/proc/PID/stat`, fields 14 and 15, divided by `sysconf(_SC_CLK_TCK)`).
    public var cpuSeconds: Double
    /// Peak resident set size so far, in bytes (`VmHWM` of `/proc/PID/status`).
    public var peakResidentBytes: Int
    /// Current resident set size, in bytes (`VmRSS`).
    public var residentBytes: Int

    /// Reads the statistics of process `pid`.
    public static func read(pid: pid_t) throws(StatisticsError) -> ProcessStatistics {
        let stat = try contents(of: "/proc/\(pid)/stat")
        let status = try contents(of: "/proc/\(pid)/status")
        guard let ticks = cpuTicks(stat: stat) else { throw .malformed("/proc/\(pid)/stat", stat) }
        guard let peak = kilobytes(status: status, field: "VmHWM"),
              let resident = kilobytes(status: status, field: "VmRSS") else {
            throw .malformed("/proc/\(pid)/status", status)
        }
        return ProcessStatistics(cpuSeconds: Double(ticks) / Double(sysconf(Int32(_SC_CLK_TCK))),
                                 peakResidentBytes: peak * 1024, residentBytes: resident * 1024)
    }

    /// `utime + stime` in clock ticks from the text of `/proc/PID/stat`. The command
    /// name (field 2) is in parentheses and may itself contain spaces and parentheses,
    /// so fields are counted from the last `)`.
    public static func cpuTicks(stat: String) -> Int? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state), so utime (14) and stime (15) are at 11 and 12.
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return user + system
    }

    /// The value in kB of `field` (e.g. `VmHWM`) in the text of `/proc/PID/status`.
    public static func kilobytes(status: String, field: String) -> Int? {
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            let parts = line.dropFirst(field.count + 1).split { $0 == " " || $0 == "\t" }
            guard parts.count == 2, parts[1] == "kB" else { return nil }
            return Int(parts[0])
        }
        return nil
    }

    private static func contents(of path: String) throws(StatisticsError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path)
        }
    }
}

/// Why a process's statistics could not be read.
public enum StatisticsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The `/proc` file does not exist (the process has ended) or cannot be read.
    case unreadable(String)
    /// The `/proc` file does not have the expected shape.
    case malformed(String, String)

    /// What went wrong.
    public var description: String {
        switch self {
        case .unreadable(let path): return "cannot read \(path) (has the process ended?)"
        case .malformed(let path, let text): return "unexpected contents of \(path): \(text.prefix(200))"
        }
    }
}
