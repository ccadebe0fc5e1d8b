import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Waiting for SIGTERM or SIGINT, the signals that stop `digestsync serve` cleanly.
enum TerminationSignal {
    /// Blocks the default action of SIGTERM and SIGINT and returns the number of the
    /// first one received.
    static func wait() async -> Int32 {
        let queue = DispatchQueue(label: "digestsync.signals")
        let once = Once()
        var sources: [any DispatchSourceSignal] = []
        let received = await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            for number in [SIGTERM, SIGINT] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler {
                    if once.claim() { continuation.resume(returning: number) }
                }
                source.resume()
                sources.append(source)
            }
        }
        for source in sources { source.cancel() }
        return received
    }

    /// True for the first caller only.
    private final class Once: Sendable {
        private let claimed = Mutex(false)

        func claim() -> Bool {
            claimed.withLock { claimed in
                defer { claimed = true }
                return !claimed
            }
        }
    }
}
