/// A transaction that passed the commit checks: the database it produced and what it
/// changed. The caller (the server, the CLI, the storage's replay) makes the database
/// current once the change set is stored.
public struct CommittedTransaction: Sendable {
    /// The database after the transaction.
    public var database: Database
    /// What the transaction changed; empty for a transaction that changed nothing (OVS
    /// then writes no log record).
    public var changes: ChangeSet
}
