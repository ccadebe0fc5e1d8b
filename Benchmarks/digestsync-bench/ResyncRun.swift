import BenchmarkSupport
import Digest
import Foundation
import NIOCore
import OVSDB
import SyncClient

/// One measurement of `digestsync-bench resync`: one strategy, one change fraction, on
/// a fresh copy of the generated database. The server starts; a snapshot is taken
/// (the replica every probe shares) and the real clients sync and stop; the change is
/// committed through the running server; the server restarts; then all the probes
/// resynchronise at once and are measured; last, the after snapshot gives the
/// difference, and the real clients resync from their files and are checked.
struct ResyncRun {
    /// The generated database, as loaded.
    let database: SouthboundDatabase
    /// The standalone file holding it.
    let databaseFile: String
    let schema: DatabaseSchema
    let installation: OVSInstallation
    /// `digestsync serve`'s executable.
    let digestsync: String
    let clients: Int
    /// Real SyncClients checking the replica.
    let verifiers: Int
    let seed: UInt64
    let group: EventLoopGroup
    let timeout: Duration

    /// What a run measured and how the real clients resynchronised.
    struct Outcome {
        var result: ResyncResult
        var verified: [String]
    }

    func measure(_ strategy: ResyncStrategy, fraction: Double, directory: String,
                 progress: (String) -> Void) async throws -> Outcome {
        let server = try await makeServer(strategy, directory: directory)
        try await server.start()
        do {
            let outcome = try await measure(strategy, fraction: fraction, server: server, directory: directory,
                                            progress: progress)
            await server.stop()
            return outcome
        } catch {
            await server.stop()
            throw error
        }
    }

    private func measure(_ strategy: ResyncStrategy, fraction: Double, server: ServerProcess, directory: String,
                         progress: (String) -> Void) async throws -> Outcome {
        var control = try await ready(server)
        let before = try await firstSnapshot(control)
        let probe = ResyncProbe(
            database: SouthboundDatabase.name, requests: RawJSONRPCClient.monitorRequests(everyTableOf: schema),
            view: strategy.digestMode == nil ? nil : try ViewDigest(snapshot: before.updates, schema: schema),
            schema: schema.digestFingerprint, lastTransactionID: before.lastTransactionID)
        let verifier = ReplicaVerifier(remote: server.clientRemote, schema: schema, directory: directory, count: verifiers,
                                       group: group, timeout: timeout)
        progress("\(verifiers) SyncClients sync")
        try await verifier.syncAndStop()
        let changes = try await commitChange(fraction, of: strategy, through: control, progress: progress)
        await control.close()
        progress("restarting \(server.spec.name)")
        try await server.restart(timeout: timeout)
        control = try await ready(server)
        progress("\(clients) clients resynchronise")
        let (results, wall, cpu) = try await resynchronise(probe, strategy: strategy, server: server)
        let after = try await control.snapshot(database: SouthboundDatabase.name, schema: schema, timeout: timeout)
        await control.close()
        let difference = try SnapshotDifference(before: before.updates, after: after.updates)
        guard difference.rowCount == changes.counts.total else {
            throw BenchFailure("\(server.spec.name) shows \(difference.rowCount) differing rows after committing "
                               + "\(changes.counts.total) changes")
        }
        progress("\(verifiers) SyncClients resync and are checked against a full fetch")
        let verified = try await verifier.resyncAndCheck(mode: Self.clientMode(strategy))
        let result = ResyncResult(
            strategy: strategy, clients: clients, changeFraction: fraction,
            bytesDownPerClient: mean(results.map { Double($0.traffic.bytesDown) }),
            bytesUpPerClient: mean(results.map { Double($0.traffic.bytesUp) }),
            roundTrips: results.map(\.traffic.roundTrips).max() ?? 0, wallSeconds: wall.seconds, serverCPUSeconds: cpu,
            rowsDiffering: difference.rowCount, differingRowsJSONBytes: difference.jsonBytes,
            outcome: Self.summary(results.map(\.outcome)))
        return Outcome(result: result, verified: verified)
    }

    /// Commits a first transaction, then takes the snapshot the clients hold. The first
    /// transaction makes the clients' last transaction id one a history can hold: a
    /// database fresh from `ovsdb-tool create-cluster` starts with a snapshot, whose id
    /// no history holds. It changes SB_Global, never among the changed rows.
    private func firstSnapshot(_ control: RawJSONRPCClient) async throws -> RawJSONRPCClient.Snapshot {
        try await control.transact(database: SouthboundDatabase.name, operations: [[
            "op": "mutate", "table": "SB_Global", "where": [], "mutations": [["nb_cfg", "+=", 1]],
        ]], timeout: timeout)
        return try await control.snapshot(database: SouthboundDatabase.name, schema: schema, timeout: timeout)
    }

    /// Changes `fraction` of the rows, the same rows for every strategy, in the
    /// strategy's number of transactions.
    private func commitChange(_ fraction: Double, of strategy: ResyncStrategy, through control: RawJSONRPCClient,
                              progress: (String) -> Void) async throws -> SouthboundChanges {
        var model = database
        let changes = try model.makeChanges(fraction: fraction, transactions: strategy.changeTransactions,
                                            seed: seed ^ fraction.bitPattern)
        progress("committing \(changes.counts.total) changed rows in \(changes.transactions.count) transactions")
        for operations in changes.transactions {
            try await control.transact(database: SouthboundDatabase.name, operations: operations, timeout: timeout)
        }
        return changes
    }

    /// Connects every probe and resynchronises them all at once; returns their results,
    /// the wall time and the server's CPU seconds from before the first connection to
    /// the last probe in sync.
    private func resynchronise(_ probe: ResyncProbe, strategy: ResyncStrategy,
                               server: ServerProcess) async throws -> ([ResyncProbe.Result], Duration, Double) {
        let cpuBefore = try server.statistics().cpuSeconds
        let started = ContinuousClock.now
        var random = SplitMix64(seed: seed)
        let seeds = (0..<clients).map { _ in random.next() }
        let results = try await withThrowingTaskGroup(of: ResyncProbe.Result.self) { tasks in
            for seed in seeds {
                tasks.addTask {
                    let client = try await connect(to: server)
                    do {
                        let result = try await probe.run(strategy, on: client, seed: seed, timeout: timeout)
                        await client.close()
                        return result
                    } catch {
                        await client.close()
                        throw error
                    }
                }
            }
            return try await tasks.reduce(into: []) { $0.append($1) }
        }
        let wall = ContinuousClock.now - started
        return (results, wall, try server.statistics().cpuSeconds - cpuBefore)
    }

    /// A connection to `server`, retried for 30 s while its listen backlog is full.
    private func connect(to server: ServerProcess) async throws -> RawJSONRPCClient {
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            do {
                return try await RawJSONRPCClient.connect(to: server.clientRemote, group: group)
            } catch {
                guard ContinuousClock.now < deadline else { throw error }
                try await Task.sleep(for: .milliseconds(5))
            }
        }
    }

    /// A control connection, once the server says the database is ready.
    private func ready(_ server: ServerProcess) async throws -> RawJSONRPCClient {
        let client = try await connect(to: server)
        try await client.waitUntilReady(database: SouthboundDatabase.name, timeout: timeout)
        return client
    }

    /// The server of `strategy` on a fresh copy of the database (made a one-member
    /// cluster for the clustered strategies), not started.
    private func makeServer(_ strategy: ResyncStrategy, directory: String) async throws -> ServerProcess {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = "\(directory)/sb.db"
        if strategy.isClustered {
            try DatabaseFiles.copy(databaseFile, to: "\(directory)/standalone.db")
            try await DatabaseFiles.createCluster(at: file, from: "\(directory)/standalone.db",
                                                  raftAddress: "unix:\(directory)/raft.sock", installation: installation)
        } else {
            try DatabaseFiles.copy(databaseFile, to: file)
        }
        let spec: ServerSpec = strategy.usesDigestSync ? .digestsync(executable: digestsync)
            : .ovsdbServer(executable: installation.server)
        return try ServerProcess(spec: spec, databases: [file], directory: directory)
    }

    /// The digest mode the real clients resync with: a `SyncClient` offers a digest to
    /// any server and falls back on "unknown method"; `full` is the client that never
    /// offers one.
    static func clientMode(_ strategy: ResyncStrategy) -> ClientConfiguration.DigestMode {
        switch strategy {
        case .rateless: return .rateless
        case .full: return .off
        default: return .ibf
        }
    }

    /// The outcomes in a few words: the one outcome, or each with its count.
    static func summary(_ outcomes: [String]) -> String {
        let counts = Dictionary(outcomes.map { ($0, 1) }, uniquingKeysWith: +)
        if counts.count == 1, let only = counts.keys.first { return only }
        return counts.sorted { $0.key < $1.key }.map { "\($0.key) x\($0.value)" }.joined(separator: ", ")
    }

    private func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}
