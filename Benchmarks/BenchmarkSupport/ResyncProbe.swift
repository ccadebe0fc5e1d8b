import Digest
import OVSDB

/// One lightweight client's resynchronisation after a server restart, over a
/// ``RawJSONRPCClient``, counted by the rules of ``ResyncTraffic``: what
/// `digestsync-bench resync` runs for each of its clients at once.
///
/// Every probe of a run starts from the same replica, held once in memory: the digest
/// strategies run a real ``ClientExchange`` over its ``ViewDigest`` (every request and
/// reply crosses the socket, every reply is parsed and validated), the others send the
/// monitor request a client holding that replica would. The probe does not apply what
/// it receives: the real `SyncClient`s of the run check that path.
public struct ResyncProbe: Sendable {
    /// How one probe ended.
    public struct Result: Sendable {
        /// What it cost.
        public var traffic: ResyncTraffic
        /// How the server answered: `in_sync`, `done`, `full(<reason>)`, `found=<bool>`
        /// or `snapshot`.
        public var outcome: String
    }

    /// The database.
    public var database: String
    /// The monitor requests object every probe sends.
    public var requests: JSON
    /// The replica's view digest (needed by the digest strategies).
    public var view: ViewDigest?
    /// Fingerprint of the schema the replica was built with.
    public var schema: SHA256Digest
    /// The last transaction id the replica saw (for `monitor_cond_since`).
    public var lastTransactionID: OVSDBUUID
    /// The rules the digest exchange follows (a `SyncClient`'s by default).
    public var planner: ResyncPlanner

    /// A probe for a replica of `database` monitored with `requests`.
    public init(database: String, requests: JSON, view: ViewDigest?, schema: SHA256Digest, lastTransactionID: OVSDBUUID,
                planner: ResyncPlanner = ResyncPlanner()) {
        self.database = database
        self.requests = requests
        self.view = view
        self.schema = schema
        self.lastTransactionID = lastTransactionID
        self.planner = planner
    }

    /// Resynchronises over `client` by `strategy`; `seed` seeds a digest exchange.
    /// Throws ``ProbeError`` if the server refuses or breaks the protocol.
    public func run(_ strategy: ResyncStrategy, on client: RawJSONRPCClient, seed: UInt64,
                    timeout: Duration) async throws -> Result {
        let monitorID: JSON = "resync"
        if let mode = strategy.digestMode {
            guard let view else { throw ProbeError.noView }
            return try await exchange(mode: mode, view: view, on: client, monitorID: monitorID, seed: seed, timeout: timeout)
        }
        var traffic = ResyncTraffic()
        if strategy == .full {
            let reply = try await client.call("monitor_cond", [.string(database), monitorID, requests], parseReply: false,
                                              timeout: timeout)
            try Self.check(reply, method: "monitor_cond")
            traffic.record(reply, carrying: requests)
            return Result(traffic: traffic, outcome: "snapshot")
        }
        let params: [JSON] = [.string(database), monitorID, requests, .string(lastTransactionID.description)]
        let reply = try await client.call("monitor_cond_since", params, parseReply: false, timeout: timeout)
        try Self.check(reply, method: "monitor_cond_since")
        traffic.record(reply, carrying: requests)
        let found = reply.result?[0]?.boolValue ?? Self.foundFlag(head: reply.head)
        return Result(traffic: traffic, outcome: found.map { "found=\($0)" } ?? "snapshot")
    }

    private func exchange(mode: ResyncMode, view: ViewDigest, on client: RawJSONRPCClient, monitorID: JSON, seed: UInt64,
                          timeout: Duration) async throws -> Result {
        var exchange = ClientExchange(view: view, schema: schema, mode: mode, seed: seed, planner: planner)
        var request = DigestRequest.resync(database: database, monitorID: monitorID, requests: requests,
                                           offer: exchange.offer)
        var traffic = ResyncTraffic()
        while true {
            if case .continue(_, .full(let reason)) = request {
                // The client gave up: the answer is a snapshot, counted and not parsed, as
                // the `full` strategy's clients do (parsing 37 MB per client here would
                // slow the reads and change what the server pays for its writes).
                let reply = try await client.call(request.method, request.params.arrayValue ?? [], parseReply: false,
                                                  timeout: timeout)
                try Self.check(reply, method: request.method)
                traffic.record(reply)
                guard Self.isFullReply(head: reply.head) else { throw ProbeError.unparsedReply(request.method) }
                return Result(traffic: traffic, outcome: "full(\(reason.rawValue))")
            }
            let reply = try await client.call(request.method, request.params.arrayValue ?? [], parseReply: true,
                                              timeout: timeout)
            try Self.check(reply, method: request.method)
            if case .resync = request {
                traffic.record(reply, carrying: requests)
            } else {
                traffic.record(reply)
            }
            guard let result = reply.result else { throw ProbeError.unparsedReply(request.method) }
            switch try exchange.handle(try ResyncReply(json: result, limits: planner.limits)) {
            case .send(let step):
                request = .continue(monitorID: monitorID, step: step)
            case .finished(let outcome):
                return Result(traffic: traffic, outcome: Self.describe(outcome))
            }
        }
    }

    private static func check(_ reply: RawReply, method: String) throws(ProbeError) {
        if let error = reply.error { throw .refused(method: method, error: error) }
    }

    private static func describe(_ outcome: ClientExchange.Outcome) -> String {
        switch outcome {
        case .inSync: return "in_sync"
        case .difference: return "done"
        case .full(_, _, let reason): return "full(\(reason.rawValue))"
        }
    }

    /// True if a reply's first bytes show a digest `full` reply (`..."result":{"full":`).
    static func isFullReply(head: [UInt8]) -> Bool {
        compact(head).contains("\"result\":{\"full\":")
    }

    /// A reply's first bytes as text without whitespace, to look for members in.
    private static func compact(_ head: [UInt8]) -> String {
        String(decoding: head, as: UTF8.self).filter { !$0.isWhitespace }
    }

    /// The `found` flag of a `monitor_cond_since` reply from its first bytes
    /// (`..."result":[true,...`), or nil if they do not show it.
    static func foundFlag(head: [UInt8]) -> Bool? {
        let text = compact(head)
        guard let range = text.range(of: "\"result\":[") else { return nil }
        let rest = text[range.upperBound...]
        if rest.hasPrefix("true") { return true }
        if rest.hasPrefix("false") { return false }
        return nil
    }
}

/// Why a ``ResyncProbe`` failed.
public enum ProbeError: Error, Sendable, CustomStringConvertible {
    /// A digest strategy without a view digest of the replica.
    case noView
    /// The server answered with an error (e.g. `unknown method` from a server without
    /// the digest protocol).
    case refused(method: String, error: JSON)
    /// A digest reply came too large to be parsed.
    case unparsedReply(String)

    /// What went wrong.
    public var description: String {
        switch self {
        case .noView: return "a digest strategy needs the replica's view digest"
        case .refused(let method, let error): return "the server refused \(method): \(error)"
        case .unparsedReply(let method): return "the reply to \(method) was not parsed"
        }
    }
}
