/// When a standalone database should be compacted, as `ovsdb-server` decides it (OVS's
/// `ovsdb_storage_should_snapshot()` and `ovsdb_log_grew_lots()`): not before a random
/// 10 to 20 minutes after the last compaction; then if the log holds at least 100
/// records and has grown past 10 MiB and to more than twice its size after the last
/// compaction; and in any case after a day if anything was written.
public struct CompactionPolicy: Sendable {
    /// Earliest time of the next compaction (milliseconds since the epoch).
    public private(set) var earliest: Int64
    /// Time after which any growth triggers a compaction.
    public private(set) var latest: Int64
    /// The log's size just after the last compaction (or when opened).
    public private(set) var baseSize: Int
    /// Records written or read since the last compaction (the schema excluded).
    public private(set) var records = 0

    /// A policy whose clock starts at `now` with the log at `size` bytes.
    public init(now: Int64, size: Int) {
        earliest = 0
        latest = 0
        baseSize = size
        restart(now: now, size: size)
    }

    /// Notes one more transaction record.
    public mutating func recordWritten() {
        records += 1
    }

    /// True if the log of `size` bytes should be compacted at time `now`.
    public func shouldCompact(now: Int64, size: Int) -> Bool {
        guard now >= earliest else { return false }
        if now >= latest { return records > 0 }
        return records >= 100 && size > 10 * 1024 * 1024 && size / 2 > baseSize
    }

    /// Starts a new period after a compaction left the log at `size` bytes.
    public mutating func restart(now: Int64, size: Int) {
        let tenMinutes: Int64 = 10 * 60 * 1000
        earliest = now + tenMinutes + Int64.random(in: 0..<tenMinutes)
        latest = now + 24 * 60 * 60 * 1000
        baseSize = size
        records = 0
    }
}
