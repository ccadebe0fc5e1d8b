import CLibCrypto

/// SHA-1 through libcrypto's EVP interface: the checksum in every header line of the
/// OVSDB log format (OVS's `ovsdb/log.c`) and the source of transaction ids, never used
/// for security.
enum SHA1 {
    /// The SHA-1 implementation, fetched from libcrypto's provider once: OpenSSL 3 would
    /// otherwise look it up again for every digest, which costs more than hashing a log
    /// record. Immutable once fetched and safe to share between threads (OpenSSL).
    nonisolated(unsafe) private static let algorithm = EVP_MD_fetch(nil, "SHA1", nil) ?? EVP_sha1()

    /// The 20 bytes of the SHA-1 of `bytes`.
    static func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let succeeded = digest.withUnsafeMutableBufferPointer { output in
            EVP_Digest(bytes.baseAddress, bytes.count, output.baseAddress, &length, algorithm, nil) == 1
        }
        precondition(succeeded && length == 20, "libcrypto cannot compute SHA-1")
        digest.removeLast(digest.count - 20)
        return digest
    }

    /// The SHA-1 of `bytes`.
    static func digest(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { digest($0) }
    }

    /// The 40 lowercase hex digits of the SHA-1 of `bytes`.
    static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        let hexDigits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(40)
        for byte in digest(bytes) {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The SHA-1 of `bytes` in hex.
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { hex($0) }
    }
}
