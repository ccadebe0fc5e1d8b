/// Names one client connection for the life of the server (in logs, lock queues and
/// the session table).
struct SessionID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A number unique within the server.
    let number: Int

    /// Connections in the order they were accepted.
    static func < (lhs: SessionID, rhs: SessionID) -> Bool { lhs.number < rhs.number }

    /// `#<number>`.
    var description: String { "#\(number)" }
}
