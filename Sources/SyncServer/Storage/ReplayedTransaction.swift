/// A transaction record read back when a database file was opened: where it is in the
/// file and what replaying it changed. The server derives the record's transaction id
/// from `position` and rebuilds its `monitor_cond_since` history from `changes`.
public struct ReplayedTransaction: Sendable {
    /// The record's position and checksum.
    public var position: LogRecord.Position
    /// What replaying it changed.
    public var changes: ChangeSet
}
