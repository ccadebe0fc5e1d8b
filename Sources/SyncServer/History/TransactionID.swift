import OVSDB

/// The transaction ids of `monitor_cond_since` and `update3` (ovsdb-server(7) 4.1.15),
/// derived so that they survive a restart of a standalone server without any change to
/// the file format.
///
/// OVS takes a clustered database's ids from its Raft log and keeps no history at all
/// for standalone databases. DigestSync derives each committed transaction's id from the
/// log record that stores it: the first 128 bits of the record's SHA-1 (the 40 hex
/// digits its header line gives), with the record's byte offset in the file XORed into
/// the last 64 bits, and the UUID version set to 5 (name-based, SHA-1) with the RFC 4122
/// variant. Reopening the file reads the same records at the same offsets, so the
/// history rebuilt from the last records has the same ids, and `ovsdb-tool` still reads
/// the file unchanged. The offset keeps two records with identical bodies apart.
///
/// A commit that changes only ephemeral columns writes no record; its id is the first
/// 128 bits of the SHA-1 of the text `"<previous-id> <sequence>"` (same version bits),
/// so it is not found after a restart, which is right: the ephemeral values are gone.
enum TransactionID {
    /// The id of the transaction stored in the record at `position`.
    static func of(_ position: LogRecord.Position) -> OVSDBUUID {
        let digits = Array(position.sha1.utf8)
        let high = hexValue(digits.prefix(16)) ?? 0
        let low = digits.count >= 32 ? hexValue(digits[16..<32]) ?? 0 : 0
        return versioned(high: high, low: low ^ UInt64(truncatingIfNeeded: position.offset))
    }

    /// The value of up to 16 hexadecimal digits, as `UInt64(_:radix: 16)` reads them
    /// (nil for an empty or non-hexadecimal text), without building a string: this runs
    /// on every commit.
    private static func hexValue(_ digits: ArraySlice<UInt8>) -> UInt64? {
        guard !digits.isEmpty else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            let nibble: UInt8
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = digit - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt64(nibble)
        }
        return value
    }

    /// The id of the `sequence`-th commit without a log record after the transaction
    /// `previous`.
    static func unlogged(after previous: OVSDBUUID, sequence: Int) -> OVSDBUUID {
        let digest = SHA1.digest(Array("\(previous) \(sequence)".utf8))
        return versioned(high: digest[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) },
                         low: digest[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }

    /// A version 5, RFC 4122 variant UUID of the given bits.
    private static func versioned(high: UInt64, low: UInt64) -> OVSDBUUID {
        OVSDBUUID(high: (high & ~0xF000) | 0x5000, low: (low & ~0xC000_0000_0000_0000) | 0x8000_0000_0000_0000)
    }
}
