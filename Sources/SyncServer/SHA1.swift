import CLibCrypto

/// SHA-1 through libcrypto's EVP interface: the checksum in every header line of the
/// OVSDB log format (OVS's `ovsdb/log.c`), never used for security.
enum SHA1 {
    /// The 40 lowercase hex digits of the SHA-1 of `bytes`.
    static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let succeeded = digest.withUnsafeMutableBufferPointer { output in
            EVP_Digest(bytes.baseAddress, bytes.count, output.baseAddress, &length, EVP_sha1(), nil) == 1
        }
        precondition(succeeded && length == 20, "libcrypto cannot compute SHA-1")
        return digest.prefix(20).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    /// The SHA-1 of `bytes` in hex.
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { hex($0) }
    }
}
