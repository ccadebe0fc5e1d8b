#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Random bits from the operating system, fetched 4 KiB at a time: what
/// ``OVSDBUUID/random()`` draws row UUIDs and `_version`s from, so that a commit does
/// not make one `getrandom` system call per UUID (OVS's `uuid_generate()` also draws
/// from a seeded generator rather than the kernel each time).
struct RandomPool: RandomNumberGenerator {
    private static let shared = Mutex(Block())

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        Self.shared.withLock { $0.next() }
    }

    private struct Block: ~Copyable {
        var words = [UInt64](repeating: 0, count: 512)
        var used = 512

        mutating func next() -> UInt64 {
            if used == words.count {
                words.withUnsafeMutableBytes { bytes in
                    if let base = bytes.baseAddress { arc4random_buf(base, bytes.count) }
                }
                used = 0
            }
            defer { used += 1 }
            return words[used]
        }
    }
}
