import Digest
import OVSDB

/// The digest step (Docs/digest-protocol.md): offered before the monitor request when
/// the replica holds data; a server without the protocol answers "unknown method" and
/// the client goes on with the ordinary monitor request on the same connection.
extension ConnectionStateMachine {
    /// Sends `digest_resync` with the acked conditions and the replica's commitment.
    mutating func sendDigestResync() {
        let requests: JSON
        do {
            let (json, parsedConditions) = try monitorRequests(withConditions: true)
            requests = json
            replica.setConditions(parsedConditions)
        } catch {
            abandon("cannot build the monitor request: \(error)")
            return
        }
        guard let schema = replica.schema, let view = replica.digest,
              let mode = ResyncMode(rawValue: configuration.digestMode.rawValue) else {
            sendMonitor(ordinaryMethod)
            return
        }
        let exchange = ClientExchange(view: view, schema: schema.digestFingerprint, mode: mode, seed: randomSeed(),
                                      planner: configuration.digestPlanner)
        self.exchange = exchange
        phase = .digestRequested
        let request = DigestRequest.resync(database: configuration.database, monitorID: dataMonitorID,
                                           requests: requests, offer: exchange.offer)
        send(request.method, request.params.arrayValue ?? [], as: .digest)
    }

    mutating func handleDigestReply(_ result: Result<JSON, ErrorReply>) {
        guard var exchange else { return }
        switch result {
        case .failure(let reply):
            // No monitor exists after an error reply: the same monitor id is free.
            logger.debug("\(remote) refused the digest exchange: \(reply.error)")
            self.exchange = nil
            sendMonitor(ordinaryMethod)
        case .success(let json):
            let action: ClientExchange.Action
            do {
                action = try exchange.handle(try ResyncReply(json: json, limits: configuration.digestPlanner.limits))
            } catch {
                abandonExchange("invalid digest reply: \(error)")
                return
            }
            self.exchange = exchange
            switch action {
            case .send(let step):
                let request = DigestRequest.continue(monitorID: dataMonitorID, step: step)
                send(request.method, request.params.arrayValue ?? [], as: .digest)
            case .finished(let outcome):
                self.exchange = nil
                finishExchange(outcome)
            }
        }
    }

    /// Gives up on an exchange the server broke: no further step, and the ordinary
    /// monitor request under a fresh monitor id, in case the server started a monitor
    /// under the old one (Docs/digest-protocol.md section 7).
    private mutating func abandonExchange(_ reason: String) {
        logger.warning("\(remote): \(reason); falling back to the monitor request")
        exchange = nil
        monitorGeneration += 1
        dataMonitorID = ["monid", .string(configuration.database), .integer(Int64(monitorGeneration))]
        sendMonitor(ordinaryMethod)
    }

    private mutating func finishExchange(_ outcome: ClientExchange.Outcome) {
        do {
            switch outcome {
            case .inSync(let id):
                try updateReplica { (replica) throws(ReplicaError) in
                    replica.lastTransactionID = id
                    return ChangeBatch()
                }
                enterMonitoring(.digest(.inSync))
            case .difference(let id, let updates, let deleted):
                try updateReplica { (replica) throws(ReplicaError) in
                    let batch = try replica.applyDifference(deleting: deleted, updates: updates)
                    replica.lastTransactionID = id
                    return batch
                }
                let fetched = updates.objectValue?.values.reduce(0) { $0 + ($1.objectValue?.count ?? 0) } ?? 0
                enterMonitoring(.digest(.difference(fetched: fetched, deleted: deleted.count)))
            case .full(let id, let updates, let reason):
                try updateReplica { (replica) throws(ReplicaError) in
                    let batch = try replica.replace(with: updates, format: .diffs)
                    replica.lastTransactionID = id
                    return batch
                }
                enterMonitoring(.digest(.full(reason)))
            }
        } catch {
            inconsistent(error)
        }
    }
}
