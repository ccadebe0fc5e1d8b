import OVSDB

/// Transactions (RFC 7047 section 4.1.3) on the monitored database.
extension ConnectionStateMachine {
    /// Sends `transact [db, operations...]`; the caller hears back through
    /// ``Action/completeTransaction(token:_:)``. Only while monitoring: a transaction is
    /// written against the replica, which is not current before that.
    mutating func transact(_ operations: [JSON], token: Int) -> [Action] {
        run { machine in
            guard case .monitoring = machine.phase else {
                machine.emit(.completeTransaction(token: token, .failure(.notConnected)))
                return
            }
            machine.send("transact", [.string(machine.configuration.database)] + operations, as: .transact(token: token))
        }
    }

    mutating func handleTransactReply(token: Int, _ result: Result<JSON, ErrorReply>) {
        emit(.completeTransaction(token: token, Self.transactionOutcome(result)))
    }

    /// The result array, or the first operation error in it: OVSDB commits all
    /// operations or none, so one error means the transaction did nothing. An error
    /// found at commit time comes as one more element after the operations' results.
    static func transactionOutcome(_ result: Result<JSON, ErrorReply>) -> Result<[JSON], SyncClientError> {
        switch result {
        case .failure(let reply):
            return .failure(.requestFailed(method: "transact", error: reply.error))
        case .success(let json):
            guard case .array(let results) = json else {
                return .failure(.malformedReply(method: "transact", details: "the result is not an array"))
            }
            for (index, element) in results.enumerated() {
                if case .object(let object) = element, object["error"] != nil, let error = OVSDBError(json: element) {
                    return .failure(.operationFailed(index: index, error: error, results: results))
                }
            }
            return .success(results)
        }
    }
}
