import OVSDB

/// The transaction ids of `monitor_cond_since` and `update3` (ovsdb-server(7) 4.1.15),
/// derived so that they survive a restart of a standalone server without any change to
/// the file format.
///
/// OVS takes a clustered database's ids from its Raft log and keeps no history at all
/// for standalone databases. DigestSync derives each committed transaction's id from the
/// log record that stores it: the first 128 bits of SHA-1 over the text
/// `"<offset> <sha1>"`, where `offset` is the record's byte offset in the file and
/// `sha1` the 40 hex digits of its body's SHA-1 as its header line gives them, with the
/// UUID version set to 5 (name-based, SHA-1) and the RFC 4122 variant. Reopening the
/// file reads the same records at the same offsets, so the history rebuilt from the
/// last records has the same ids, and `ovsdb-tool` still reads the file unchanged.
/// (The offset makes two records with identical bodies distinct.)
///
/// A commit that changes only ephemeral columns writes no record; its id is derived the
/// same way from the previous id and a counter (`"<previous-id> <sequence>"`), so it is
/// not found after a restart, which is right: the ephemeral values are gone.
enum TransactionID {
    /// The id of the transaction stored in the record at `position`.
    static func of(_ position: LogRecord.Position) -> OVSDBUUID {
        derive("\(position.offset) \(position.sha1)")
    }

    /// The id of the `sequence`-th commit without a log record after the transaction
    /// `previous`.
    static func unlogged(after previous: OVSDBUUID, sequence: Int) -> OVSDBUUID {
        derive("\(previous) \(sequence)")
    }

    private static func derive(_ name: String) -> OVSDBUUID {
        let digest = Array(SHA1.hex(Array(name.utf8)).utf8)
        let high = UInt64(String(decoding: digest[0..<16], as: UTF8.self), radix: 16) ?? 0
        let low = UInt64(String(decoding: digest[16..<32], as: UTF8.self), radix: 16) ?? 0
        return OVSDBUUID(high: (high & ~0xF000) | 0x5000,
                         low: (low & ~0xC000_0000_0000_0000) | 0x8000_0000_0000_0000)
    }
}
