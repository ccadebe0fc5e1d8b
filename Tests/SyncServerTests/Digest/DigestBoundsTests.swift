import BenchmarkSupport
import Foundation
import Digest
import IBLT
import NIOCore
import OVSDB
import Testing
@testable import SyncServer

/// What the digest endpoint does with bad input and with more clients than it serves at
/// once: typed error replies and a server that goes on serving, state freed with the
/// session, and queued (not refused) requests beyond the bounds.
@Suite struct DigestBoundsTests {
    static let requests: JSON = ["Child": [["columns": ["k", "tag"]]]]

    /// An offer for `replica`'s view.
    static func offer(_ replica: DigestReplica, seed: UInt64 = 3, mode: ResyncMode = .ibf) throws -> ResyncOffer {
        var view = try replica.viewDigest()
        return ResyncOffer(seed: seed, commitment: view.commitment, rowCount: view.rowCount,
                           schema: replica.schema.digestFingerprint, mode: mode)
    }

    /// A fixture whose replica of ``requests`` lost one row to a later delete, so that an
    /// exchange does not end at once (2,000 rows: with fewer, a full snapshot costs less
    /// than 10 times the estimator and the server answers `full` at once).
    static func diverged(digest: DigestConfiguration = DigestConfiguration()) throws -> (DigestFixture, DigestReplica) {
        let fixture = try DigestFixture(children: 2000, digest: digest)
        let replica = try fixture.freshFetch(requests)
        let victim = try #require(try fixture.uuids("Child").first)
        try fixture.commit([["op": "delete", "table": "Child", "where": [["_uuid", "==", ["uuid", .string(victim)]]]]])
        return (fixture, replica)
    }

    /// The error member of `reply`, or nil for a success.
    static func error(_ reply: JSON) -> JSON? {
        reply["error"] == .null ? nil : reply["error"]
    }

    /// Checks that the server still answers and runs a whole exchange on `client`.
    static func expectServing(_ client: TestClient, _ fixture: DigestFixture, monitorID: JSON) throws {
        #expect(try client.result("list_dbs", []) == ["Test", "_Server"])
        var replica = try fixture.freshFetch(requests)
        let run = try client.resync(&replica, monitorID: monitorID)
        #expect(run.kinds == ["in_sync"])
    }

    @Test func malformedOffersGetErrorsAndTheServerGoesOn() throws {
        var generator = SplitMix64(seed: 11)
        let (fixture, replica) = try Self.diverged()
        let client = try fixture.harness.connect()
        let good = try Self.offer(replica).json
        var offers: [(JSON, String)] = [
            (.string("not an offer"), "syntax error"),
            (["version": 2, "seed": "AAAAAAAAAAA=", "commitment": "", "rows": 0, "schema": "", "mode": "ibf"], "not supported"),
            (.object(good.objectValue.map { var o = $0; o["seed"] = "AAAA"; return o } ?? [:]), "syntax error"),
            (.object(good.objectValue.map { var o = $0; o["mode"] = "magic"; return o } ?? [:]), "syntax error"),
            (.object(good.objectValue.map { var o = $0; o["extra"] = 1; return o } ?? [:]), "syntax error"),
            (.object(good.objectValue.map { var o = $0; o["rows"] = -1; return o } ?? [:]), "syntax error"),
        ]
        for number in 0..<20 {
            // Printable garbage, or well-formed base64 of random bytes of the wrong length.
            let count = Int.random(in: 1..<200, using: &generator)
            let text = number.isMultiple(of: 2)
                ? String(decoding: (0..<count).map { _ in UInt8.random(in: 0x20...0x7e, using: &generator) }, as: UTF8.self)
                : Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
            let member = ["seed", "commitment", "schema"][number % 3]
            offers.append((.object(good.objectValue.map { var o = $0; o[member] = .string(text); return o } ?? [:]), "syntax error"))
        }
        for (offer, tag) in offers {
            let reply = try #require(try client.call("digest_resync", ["Test", "m", Self.requests, offer]).last)
            #expect(Self.error(reply)?["error"]?.stringValue == tag, "\(offer) -> \(reply)")
        }
        let wrongShapes: [[JSON]] = [
            [], ["Test"], ["Test", "m", Self.requests], ["Test", "m", "requests", good], ["Nope", "m", Self.requests, good],
            ["Test", "m", ["NoTable": [:]], good], ["Test", "m", ["Child": [["columns": ["nope"]]]], good],
        ]
        for params in wrongShapes {
            let reply = try #require(try client.call("digest_resync", params).last)
            #expect(Self.error(reply) != nil, "\(params) -> \(reply)")
        }
        #expect(fixture.harness.core.digestResync.open.isEmpty)
        try Self.expectServing(client, fixture, monitorID: "after")
    }

    @Test func malformedOrOutOfTurnStepsGetErrorsAndEndTheExchange() throws {
        var generator = SplitMix64(seed: 12)
        let (fixture, replica) = try Self.diverged()
        let client = try fixture.harness.connect()
        let seed: UInt64 = 3
        let wrongSeedFilter = try InvertibleBloomFilter(cellCount: 60, hashCount: 3, seed: seed + 1)
        let randomBytes = (0..<300).map { _ in UInt8.random(in: 0x20...0x7e, using: &generator) }
        let randomBase64 = Data((0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
        let steps: [JSON] = [
            .string("step"),
            ["ibf": .string(String(decoding: randomBytes, as: UTF8.self))],
            ["ibf": "AAAA"],
            ["ibf": .string(randomBase64)],
            ["more": 10],
            ["fetch": ""],
            ResyncStep.ibf(wrongSeedFilter).json,
            ["ibf": "x", "more": 1],
            ["full": "because"],
        ]
        for (number, step) in steps.enumerated() {
            let monitorID = JSON.string("m\(number)")
            let opened = try client.result("digest_resync", ["Test", monitorID, Self.requests, try Self.offer(replica, seed: seed).json])
            #expect(opened["estimator"] != nil)
            let reply = try #require(try client.call("digest_continue", [monitorID, step]).last)
            #expect(Self.error(reply)?["error"] == "syntax error", "\(step) -> \(reply)")
            #expect(fixture.harness.core.digestResync.open.isEmpty, "an error ends the exchange")
            let again = try #require(try client.call("digest_continue", [monitorID, ["full": "large"]]).last)
            #expect(Self.error(again)?["details"]?.stringValue?.contains("no digest exchange") == true)
        }
        #expect(fixture.harness.core.digestResync.outcomes == ["error": steps.count])
        let unknown = try #require(try client.call("digest_continue", ["never", ["more": 1]]).last)
        #expect(Self.error(unknown)?["error"] == "syntax error")
        #expect(fixture.harness.core.database(named: "Test")?.monitors.groupCount == 0)
        try Self.expectServing(client, fixture, monitorID: "after")
    }

    @Test func exchangeOfAClosedSessionIsFreed() throws {
        let (fixture, replica) = try Self.diverged()
        let client = try fixture.harness.connect()
        let opened = try client.result("digest_resync", ["Test", "m", Self.requests, try Self.offer(replica).json])
        #expect(opened["estimator"] != nil)
        #expect(fixture.harness.core.digestResync.open.count == 1)
        #expect(fixture.harness.core.database(named: "Test")?.monitors.groupCount == 1)
        try client.channel.close().wait()
        client.settle()
        #expect(fixture.harness.core.digestResync.open.isEmpty)
        #expect(fixture.harness.core.digestResync.openRows == 0)
        #expect(fixture.harness.core.digestResync.outcomes == ["dropped": 1])
        #expect(fixture.harness.core.database(named: "Test")?.monitors.groupCount == 0)
        try fixture.commit([["op": "insert", "table": "Child", "row": ["k": 1]]])
        try Self.expectServing(try fixture.harness.connect(), fixture, monitorID: "next")
    }

    @Test func exchangesBeyondTheLimitQueueUntilOneEnds() throws {
        var configuration = DigestConfiguration()
        configuration.maximumExchanges = 1
        let (fixture, replica) = try Self.diverged(digest: configuration)
        let first = try fixture.harness.connect()
        let second = try fixture.harness.connect()
        var firstExchange = ClientExchange(view: try replica.viewDigest(), schema: replica.schema.digestFingerprint, mode: .ibf,
                                           seed: 1, planner: ResyncPlanner())
        let opened = try first.result("digest_resync", ["Test", "a", Self.requests, firstExchange.offer.json])
        #expect(opened["estimator"] != nil)

        // The second request waits: no reply while the first exchange is open.
        try second.request("digest_resync", ["Test", "b", Self.requests, try Self.offer(replica, seed: 2).json])
        #expect(try second.receive().isEmpty)
        #expect(fixture.harness.core.digestResync.queue.count == 1)
        #expect(try second.result("list_dbs", []) == ["Test", "_Server"], "the session is still served")

        guard case .send(let step) = try firstExchange.handle(try ResyncReply(json: opened)) else {
            Issue.record("the first exchange should go on")
            return
        }
        let done = try first.result("digest_continue", ["a", step.json])
        #expect(done["done"] != nil)
        let queuedReply = try #require(try second.receive().first)
        #expect(queuedReply["result"]?["estimator"] != nil)
        #expect(fixture.harness.core.digestResync.queue.isEmpty)
        #expect(fixture.harness.core.digestResync.longestQueue == 1)
    }

    @Test func silentExchangeIsDroppedAfterTheIdleTimeout() throws {
        var configuration = DigestConfiguration()
        configuration.idleTimeout = .seconds(30)
        let (fixture, replica) = try Self.diverged(digest: configuration)
        let client = try fixture.harness.connect()
        let opened = try client.result("digest_resync", ["Test", "m", Self.requests, try Self.offer(replica).json])
        #expect(opened["estimator"] != nil)
        fixture.harness.loop.advanceTime(by: .seconds(29))
        #expect(fixture.harness.core.digestResync.open.count == 1)
        fixture.harness.loop.advanceTime(by: .seconds(2))
        #expect(fixture.harness.core.digestResync.open.isEmpty)
        #expect(fixture.harness.core.database(named: "Test")?.monitors.groupCount == 0)
        let late = try #require(try client.call("digest_continue", ["m", ["full": "large"]]).last)
        #expect(Self.error(late) != nil)
        // The client's fallback, monitor_cond_since under the same id, works.
        let fallback = try client.result("monitor_cond_since", ["Test", "m", Self.requests, "00000000-0000-0000-0000-000000000000"])
        #expect(fallback[0] == false)
    }

    @Test func newResyncForTheSameMonitorReplacesTheOpenOne() throws {
        let (fixture, replica) = try Self.diverged()
        let client = try fixture.harness.connect()
        _ = try client.result("digest_resync", ["Test", "m", Self.requests, try Self.offer(replica, seed: 1).json])
        var copy = replica
        let run = try client.resync(&copy, monitorID: "m", seed: 2)
        #expect(run.kinds == ["estimator", "done"])
        #expect(fixture.harness.core.digestResync.open.isEmpty)
        #expect(fixture.harness.core.database(named: "Test")?.monitors.groupCount == 1)
        #expect(copy.contents == (try fixture.freshFetch(Self.requests)).contents)
    }

    @Test func filterOverTheServersLimitIsRefused() throws {
        var configuration = DigestConfiguration()
        configuration.limits.maximumIBFCells = 64
        let (fixture, replica) = try Self.diverged(digest: configuration)
        let client = try fixture.harness.connect()
        let opened = try client.result("digest_resync", ["Test", "m", Self.requests, try Self.offer(replica, seed: 4).json])
        #expect(opened["estimator"] != nil)
        var filter = try InvertibleBloomFilter(cellCount: 65, hashCount: 3, seed: 4)
        filter.insert(contentsOf: try replica.viewDigest().keys)
        let reply = try #require(try client.call("digest_continue", ["m", ResyncStep.ibf(filter).json]).last)
        #expect(Self.error(reply)?["error"] == "syntax error")
        #expect(Self.error(reply)?["details"]?.stringValue?.contains("more than the limit") == true)
        #expect(fixture.harness.core.digestResync.open.isEmpty)
        try Self.expectServing(client, fixture, monitorID: "after")
    }

    /// Eight clients reconnect at once to a server that runs two exchanges at a time:
    /// the others wait their turn, never more than two are open, and every one ends with
    /// the difference.
    @Test func reconnectStormQueuesAndEveryExchangeFinishes() throws {
        var configuration = DigestConfiguration()
        configuration.maximumExchanges = 2
        let (fixture, replica) = try Self.diverged(digest: configuration)
        var clients: [(client: TestClient, exchange: ClientExchange)] = []
        for number in 0..<8 {
            let exchange = ClientExchange(view: try replica.viewDigest(), schema: replica.schema.digestFingerprint,
                                          mode: number.isMultiple(of: 2) ? .ibf : .rateless, seed: UInt64(number + 1),
                                          planner: ResyncPlanner())
            let client = try fixture.harness.connect()
            try client.request("digest_resync", ["Test", "m", Self.requests, exchange.offer.json])
            clients.append((client, exchange))
        }
        #expect(fixture.harness.core.digestResync.open.count == 2)
        #expect(fixture.harness.core.digestResync.queue.count == 6)
        var finished = 0
        var rounds = 0
        while finished < clients.count, rounds < 100 {
            rounds += 1
            for index in clients.indices {
                for message in try clients[index].client.receive() where message["id"] != .null {
                    let result = try #require(message["result"], "\(message)")
                    switch try clients[index].exchange.handle(try ResyncReply(json: result)) {
                    case .send(let step):
                        try clients[index].client.request("digest_continue", ["m", step.json])
                    case .finished(let outcome):
                        guard case .difference(_, _, let deleted) = outcome else {
                            Issue.record("expected done, got \(outcome)")
                            continue
                        }
                        #expect(deleted.count == 1)
                        finished += 1
                    }
                    #expect(fixture.harness.core.digestResync.open.count <= 2)
                }
            }
        }
        #expect(finished == clients.count)
        #expect(fixture.harness.core.digestResync.longestQueue == 6)
        #expect(fixture.harness.core.digestResync.outcomes == ["done": 8])
    }
}
