import Digest
import IBLT
import OVSDB
import Testing

/// One run of the digest protocol by a ``TestClient`` for a ``DigestReplica``, with
/// Digest's `ClientExchange` choosing the steps: what was said, in how many bytes, and
/// how it ended.
struct DigestRun {
    /// The result of each request, in order (`digest_resync` first).
    var replies: [JSON] = []
    /// The kind of each reply (`in_sync`, `estimator`, ...).
    var kinds: [String] = []
    /// Bytes of the requests sent.
    var bytesUp = 0
    /// Bytes of the results received (serialized again).
    var bytesDown = 0
    /// Notifications received before the final reply.
    var notificationsBefore: [JSON] = []
    /// How the exchange ended.
    var outcome: ClientExchange.Outcome?

    /// Round trips made.
    var roundTrips: Int { replies.count }
}

extension TestClient {
    /// Sends `method` with `params` as one request and returns the messages up to its
    /// reply, adding the request's size to `bytesUp`.
    func digestCall(_ method: String, _ params: JSON, bytesUp: inout Int) throws -> [JSON] {
        let text = JSON.object(["id": 1000, "method": .string(method), "params": params]).description
        bytesUp += text.utf8.count
        return try call(method, params.arrayValue ?? [])
    }

    /// Runs a whole exchange for `replica`'s view under monitor id `monitorID`, and on
    /// `done` or `full` applies the outcome to `replica`. Throws on an error reply.
    func resync(_ replica: inout DigestReplica, monitorID: JSON = "digest", mode: ResyncMode = .ibf, seed: UInt64 = 42,
                schema: SHA256Digest? = nil, planner: ResyncPlanner = ResyncPlanner()) throws -> DigestRun {
        var exchange = ClientExchange(view: try replica.viewDigest(), schema: schema ?? replica.schema.digestFingerprint,
                                      mode: mode, seed: seed, planner: planner)
        var run = DigestRun()
        var request = DigestRequest.resync(database: replica.schema.name, monitorID: monitorID, requests: replica.requests,
                                           offer: exchange.offer)
        while true {
            let messages = try digestCall(request.method, request.params, bytesUp: &run.bytesUp)
            let reply = try #require(messages.last)
            run.notificationsBefore += messages.dropLast()
            guard reply["error"] == .null, let result = reply["result"] else {
                throw DigestReplyError(reply: reply)
            }
            run.replies.append(result)
            run.kinds.append(result.objectValue?.keys.first { ResyncReplyKinds.all.contains($0) } ?? "?")
            run.bytesDown += result.description.utf8.count
            switch try exchange.handle(try ResyncReply(json: result)) {
            case .send(let step):
                request = .continue(monitorID: monitorID, step: step)
            case .finished(let outcome):
                run.outcome = outcome
                switch outcome {
                case .inSync: break
                case .difference(_, let updates, let deleted):
                    for row in deleted { replica.rows[row.table]?[row.uuid] = nil }
                    try replica.apply(updates)
                case .full(_, let updates, _):
                    try replica.load(updates)
                }
                return run
            }
        }
    }
}

/// The kinds of a digest reply.
enum ResyncReplyKinds {
    static let all: Set<String> = ["in_sync", "estimator", "symbols", "retry", "done", "full"]
}

/// The server answered a digest request with an error.
struct DigestReplyError: Error, CustomStringConvertible {
    let reply: JSON
    var description: String { "digest request failed: \(reply)" }
}
