import Logging
import NIOCore
import NIOPosix

/// Keeps the replica file of a client current (``ClientConfiguration/Persistence``):
/// after a change, one write at most every `interval`, on NIO's blocking-I/O thread pool
/// so the event loop never waits for the disk; never two writes at once. Confined to the
/// client's event loop.
final class ReplicaPersistence {
    let settings: ClientConfiguration.Persistence
    let database: String
    private let logger: Logger
    private var scheduled: Scheduled<Void>?
    private var writing: EventLoopFuture<Void>?
    /// Set by ``finalSave(core:)``: messages the closing channel still delivers change
    /// the replica in memory, but never the file again.
    private var finished = false

    init(settings: ClientConfiguration.Persistence, database: String, logger: Logger) {
        self.settings = settings
        self.database = database
        self.logger = logger
    }

    /// The replica changed: schedules a write unless one is scheduled.
    func changed(core: ClientCore) {
        guard scheduled == nil, !finished else { return }
        let bound = NIOLoopBound(core, eventLoop: core.loop)
        scheduled = core.loop.scheduleTask(in: TimeAmount(settings.interval)) {
            guard let persistence = bound.value.persistence else { return }
            persistence.scheduled = nil
            _ = persistence.save(core: bound.value)
        }
    }

    /// The last write, when the client shuts down: cancels the scheduled one and writes
    /// now, so nothing touches the file after the future completes.
    func finalSave(core: ClientCore) -> EventLoopFuture<Void> {
        scheduled?.cancel()
        scheduled = nil
        let saved = save(core: core)
        finished = true
        return saved
    }

    /// Writes the replica now (after the write in progress, if any); the future
    /// completes when it is on disk or the write failed (logged).
    func save(core: ClientCore) -> EventLoopFuture<Void> {
        let loop = core.loop
        guard let state = core.persistentState else { return loop.makeSucceededVoidFuture() }
        let previous = writing ?? loop.makeSucceededVoidFuture()
        let settings = self.settings
        let database = self.database
        let logger = self.logger
        let next = previous.flatMap {
            NIOThreadPool.singleton.runIfActive(eventLoop: loop) {
                do {
                    try ReplicaStore.write(state, database: database, to: settings.path)
                } catch {
                    logger.warning("cannot save the replica to \(settings.path): \(error)")
                }
            }
        }.recover { _ in }
        writing = next
        return next
    }
}
