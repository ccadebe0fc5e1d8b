/// The sessions that have messages waiting to be handed to their connections: filled
/// as a turn of the database loop produces output, emptied at the end of the turn, so
/// each session gets one hop and one flush per turn. Lives on the database loop.
final class OutputQueue {
    private var sessions: [Session] = []

    /// Notes that `session` has output.
    func add(_ session: Session) {
        sessions.append(session)
    }

    /// Hands every waiting message to its connection.
    func flush() {
        while !sessions.isEmpty {
            let waiting = sessions
            sessions = []
            for session in waiting { session.flush() }
        }
    }
}
