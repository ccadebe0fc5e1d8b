#if canImport(Glibc)
import Glibc
#endif

/// Unbuffered writes to standard error for the CLI's messages.
enum FileHandleOutput {
    /// Writes `text` to standard error.
    static func standardError(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            guard written > 0 else { return }
            offset += written
        }
    }
}
