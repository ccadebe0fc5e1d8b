#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level operations on the UTF-8 form of Swift strings.
///
/// OVSDB compares strings the way C's `strcmp()` does (OVS's `ovsdb_atom_compare_3way()`
/// and `json_equal()`), by their UTF-8 bytes. Swift's own `String` equality and ordering
/// follow Unicode canonical equivalence, which disagrees for non-ASCII text (for example
/// "é" written precomposed and decomposed are equal in Swift and different in OVSDB), so
/// everything in this module that compares or hashes strings goes through these helpers.
enum UTF8Bytes {
    /// Calls `body` with the string's UTF-8 bytes, without copying native strings.
    @inline(__always)
    static func with<R>(_ string: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = string.utf8.withContiguousStorageIfAvailable(body) {
            return result
        }
        return Array(string.utf8).withUnsafeBufferPointer(body)
    }

    /// True if the two strings have identical UTF-8 bytes.
    @inline(__always)
    static func equal(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        return with(a) { pa in
            with(b) { pb in
                guard let a = pa.baseAddress, let b = pb.baseAddress else { return true }
                return memcmp(a, b, pa.count) == 0
            }
        }
    }

    /// A `strcmp()`-like three-way comparison of the UTF-8 bytes: negative, zero or
    /// positive as `a` sorts before, equal to or after `b`.
    @inline(__always)
    static func compare(_ a: String, _ b: String) -> Int {
        with(a) { pa in
            with(b) { pb in
                let common = min(pa.count, pb.count)
                if common > 0, let a = pa.baseAddress, let b = pb.baseAddress {
                    let result = memcmp(a, b, common)
                    if result != 0 { return result < 0 ? -1 : 1 }
                }
                return pa.count == pb.count ? 0 : (pa.count < pb.count ? -1 : 1)
            }
        }
    }

    /// Feeds the string's UTF-8 bytes to `hasher` (in-process only: `Hasher` is seeded
    /// per process, which is what protects hash tables from chosen-key flooding).
    @inline(__always)
    static func hash(_ string: String, into hasher: inout Hasher) {
        with(string) { bytes in
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
        hasher.combine(string.utf8.count)
    }
}
