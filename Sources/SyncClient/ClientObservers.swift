import Synchronization

/// What a ``SyncClient`` shares with every thread: the latest replica snapshot and
/// connection state, and who wants to hear about changes. Behind a mutex, so readers
/// get the snapshot in O(1) from any thread, and callbacks can be registered before or
/// while the client runs. Only the client's event loop writes the snapshot and state.
final class ClientObservers: Sendable {
    private struct Contents {
        var snapshot: ReplicaSnapshot
        var state: ConnectionState = .idle
        var changeCallbacks: [Int: (table: String?, body: @Sendable (ChangeBatch) -> Void)] = [:]
        var stateStreams: [Int: AsyncStream<ConnectionState>.Continuation] = [:]
        var nextID = 0
    }

    private let contents: Mutex<Contents>

    init(snapshot: ReplicaSnapshot) {
        contents = Mutex(Contents(snapshot: snapshot))
    }

    /// The latest snapshot.
    var snapshot: ReplicaSnapshot {
        contents.withLock { $0.snapshot }
    }

    /// The latest connection state.
    var state: ConnectionState {
        contents.withLock { $0.state }
    }

    /// Publishes a new snapshot, then calls the callbacks that want `batch` (those of a
    /// table it changes, and the global ones), outside the lock.
    func publish(_ snapshot: ReplicaSnapshot, batch: ChangeBatch) {
        let callbacks = contents.withLock { contents in
            contents.snapshot = snapshot
            return contents.changeCallbacks.sorted { $0.key < $1.key }.map(\.value)
        }
        guard !batch.isEmpty else { return }
        for callback in callbacks where callback.table.map({ !batch[$0].isEmpty }) ?? true {
            callback.body(batch)
        }
    }

    /// Records the new state and yields it to every state stream (under the lock, so
    /// that every stream sees the states in order); `.stopped` finishes the streams.
    func publish(_ state: ConnectionState) {
        let finished = contents.withLock { contents in
            contents.state = state
            for stream in contents.stateStreams.values { stream.yield(state) }
            guard state == .stopped else { return [AsyncStream<ConnectionState>.Continuation]() }
            defer { contents.stateStreams = [:] }
            return Array(contents.stateStreams.values)
        }
        // Finishing runs onTermination, which takes the lock: outside it.
        for stream in finished { stream.finish() }
    }

    /// Registers a change callback and returns its id.
    func addChangeCallback(table: String?, _ body: @escaping @Sendable (ChangeBatch) -> Void) -> Int {
        contents.withLock { contents in
            contents.nextID += 1
            contents.changeCallbacks[contents.nextID] = (table, body)
            return contents.nextID
        }
    }

    /// Removes a change callback.
    func removeChangeCallback(_ id: Int) {
        _ = contents.withLock { $0.changeCallbacks.removeValue(forKey: id) }
    }

    /// A stream of states, starting with the current one; finished when the client stops.
    func stateStream() -> AsyncStream<ConnectionState> {
        let (stream, continuation) = AsyncStream.makeStream(of: ConnectionState.self, bufferingPolicy: .unbounded)
        let id = contents.withLock { contents in
            contents.nextID += 1
            return contents.nextID
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.contents.withLock { $0.stateStreams.removeValue(forKey: id) }
        }
        let stopped = contents.withLock { contents in
            continuation.yield(contents.state)
            if contents.state != .stopped { contents.stateStreams[id] = continuation }
            return contents.state == .stopped
        }
        if stopped { continuation.finish() }
        return stream
    }
}
