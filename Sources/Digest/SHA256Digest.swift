import CLibCrypto
import IBLT

/// A SHA-256 digest (FIPS 180-4), computed by libcrypto's `EVP_Digest` with
/// `EVP_sha256()`: the hash behind row keys (`RowKeyEncoder`), the Merkle commitment of a
/// table's keys (`KeyCommitment`) and the commitment of a whole view (`ViewDigest`).
///
/// Held as four 64-bit words in memory order, so equality is four word compares and the
/// bytes are the digest's bytes whatever the host's endianness.
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    /// Bytes in a digest.
    public static let byteCount = 32

    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// A digest from exactly 32 bytes (as read from the wire); `nil` for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == Self.byteCount else { return nil }
        words = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
    }

    /// The SHA-256 of `data`.
    public init(of data: UnsafeRawBufferPointer) {
        words = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { output in
            var length: UInt32 = 0
            let status = EVP_Digest(data.baseAddress, data.count, output.baseAddress?.assumingMemoryBound(to: UInt8.self),
                                    &length, EVP_sha256(), nil)
            precondition(status == 1 && length == 32, "libcrypto failed to compute SHA-256")
        }
    }

    /// The SHA-256 of `bytes`.
    public init(of bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { SHA256Digest(of: $0) }
    }

    /// The 32 bytes.
    public var bytes: [UInt8] {
        Swift.withUnsafeBytes(of: words) { Array($0) }
    }

    /// Calls `body` with the 32 bytes, without copying them into an array.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try Swift.withUnsafeBytes(of: words, body)
    }

    /// The first 16 bytes as a key (`Key128(bytes:)` order): how a row's digest becomes its
    /// IBF key.
    var prefixKey: Key128 {
        Key128(low: UInt64(littleEndian: words.0), high: UInt64(littleEndian: words.1))
    }

    /// Equality of the four words.
    public static func == (left: SHA256Digest, right: SHA256Digest) -> Bool {
        left.words == right.words
    }

    /// Hashes the four words (for in-memory dictionaries only).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    /// The digest as 64 lowercase hex digits.
    public var description: String {
        bytes.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
