import Digest
import IBLT
import OVSDB
import Testing
@testable import SyncServer

/// `digest_resync` and `digest_continue` (Docs/digest-protocol.md) against the server's
/// endpoint, with Digest's `ClientExchange` as the client: each path of the exchange
/// ends with the replica equal to a fresh fetch, having received exactly the difference.
@Suite struct DigestEndpointTests {
    /// A fixture and a replica of ``DigestFixture/childAndSimple`` loaded from it. The
    /// view must be large enough (a few hundred KB) for the estimator to stay under 10%
    /// of a snapshot, or the server answers `full` (`small`) at once.
    static func primed(children: Int = 3000, simples: Int = 40) throws -> (DigestFixture, DigestReplica) {
        let fixture = try DigestFixture(children: children, simples: simples)
        return (fixture, try fixture.freshFetch(DigestFixture.childAndSimple))
    }

    /// Modifies, deletes and inserts rows of both tables, some moving across the Child
    /// condition.
    static func changeSome(_ fixture: inout DigestFixture) throws {
        let children = try fixture.uuids("Child")
        let simples = try fixture.uuids("Simple")
        var operations: [JSON] = []
        for uuid in children.prefix(4) {
            operations.append(["op": "update", "table": "Child", "where": [["_uuid", "==", ["uuid", .string(uuid)]]],
                               "row": ["k": .integer(Int64(fixture.random(0..<1000)))]])
        }
        for uuid in children.dropFirst(4).prefix(3) {
            operations.append(["op": "delete", "table": "Child", "where": [["_uuid", "==", ["uuid", .string(uuid)]]]])
        }
        for _ in 0..<5 { operations.append(fixture.childInsert()) }
        operations.append(["op": "update", "table": "Simple", "where": [["_uuid", "==", ["uuid", .string(simples[0])]]],
                           "row": ["m": ["map", [["k", "changed"]]]]])
        operations.append(["op": "delete", "table": "Simple", "where": [["_uuid", "==", ["uuid", .string(simples[1])]]]])
        operations.append(fixture.simpleInsert(1000))
        try fixture.commit(operations)
    }

    /// Checks that `run` ended in `done` with exactly the difference between `before`
    /// and the server's view `after`.
    static func expectExactDifference(_ run: DigestRun, before: DigestReplica, after: DigestReplica) throws {
        let expected = expectedDifference(client: before, server: after)
        #expect(!expected.send.isEmpty && !expected.delete.isEmpty)
        guard case .difference(_, let updates, let deleted)? = run.outcome else {
            Issue.record("expected done, got \(run.kinds)")
            return
        }
        var sent = Set<String>()
        for (table, rows) in updates.objectValue ?? [:] {
            for uuid in rows.objectValue?.keys ?? [] { sent.insert("\(table)/\(uuid)") }
        }
        #expect(sent == expected.send)
        #expect(Set(deleted.map { "\($0.table)/\($0.uuid)" }) == expected.delete)
    }

    @Test func unchangedViewIsInSyncInOneRoundTripWithTinyMessages() throws {
        var (fixture, replica) = try Self.primed()
        let client = try fixture.harness.connect()
        let run = try client.resync(&replica)
        #expect(run.kinds == ["in_sync"])
        #expect(run.bytesUp < 700)
        #expect(run.bytesDown < 60)
        guard case .inSync(let id)? = run.outcome else {
            Issue.record("not in sync: \(run.kinds)")
            return
        }
        #expect(id.description == (try fixture.latestTransactionID()))

        // The monitor runs from there: the next commit arrives as update3 after that id.
        try fixture.commit([fixture.childInsert()])
        let notifications = try client.receive().filter { $0["method"] == "update3" }
        #expect(notifications.count == 1)
        #expect(notifications.first?["params"]?[0] == "digest")
        #expect(notifications.first?["params"]?[1]?.stringValue == (try fixture.latestTransactionID()))
        #expect(fixture.harness.core.digestResync.open.isEmpty)
        #expect(fixture.harness.core.digestResync.outcomes == ["in_sync": 1])
    }

    /// The monitor a digest exchange starts is an ordinary `monitor_cond_since` one: its
    /// conditions change and it is cancelled like any other.
    @Test func monitorStartedByAnExchangeTakesConditionChangesAndCancel() throws {
        var (fixture, replica) = try Self.primed(children: 400, simples: 5)
        let client = try fixture.harness.connect()
        #expect(try client.resync(&replica).kinds == ["in_sync"])
        let narrowed: JSON = ["Child": [["where": [["k", "<", 100]]]]]
        let changed = try client.call("monitor_cond_change", ["digest", "digest", narrowed])
        #expect(changed.last?["result"] == [:], "\(changed)")
        let leaving = try #require(updates(in: changed).first)
        #expect(leaving[0] == "digest")
        let deletes = leaving[2]["Child"]?.objectValue?.values.filter { $0 == ["delete": .null] }.count
        let expected = try fixture.uuids("Child", where: [["k", ">=", 100], ["k", "<", 500]])
        #expect(deletes == expected.count)
        #expect(try client.result("monitor_cancel", ["digest"]) == [:])
        try fixture.commit([fixture.childInsert()])
        #expect(try client.receive().isEmpty)
    }

    @Test(arguments: [ResyncMode.ibf, .rateless])
    func differenceIsExactlyWhatChanged(mode: ResyncMode) throws {
        var (fixture, replica) = try Self.primed()
        let before = replica
        try Self.changeSome(&fixture)
        let client = try fixture.harness.connect()
        let run = try client.resync(&replica, mode: mode)
        #expect(run.kinds.first == (mode == .ibf ? "estimator" : "symbols"))
        #expect(run.kinds.last == "done")
        let fresh = try fixture.freshFetch(DigestFixture.childAndSimple)
        #expect(replica.contents == fresh.contents)
        try Self.expectExactDifference(run, before: before, after: fresh)
        guard case .difference(let id, _, _)? = run.outcome else { return }
        #expect(id.description == (try fixture.latestTransactionID()))
    }

    @Test func otherSchemaGetsFullSnapshot() throws {
        var (fixture, replica) = try Self.primed()
        try Self.changeSome(&fixture)
        let client = try fixture.harness.connect()
        let run = try client.resync(&replica, schema: SHA256Digest(of: Array("another schema".utf8)))
        #expect(run.kinds == ["full"])
        #expect(run.outcome.map { if case .full(_, _, .schemaChanged) = $0 { true } else { false } } == true)
        #expect(replica.contents == (try fixture.freshFetch(DigestFixture.childAndSimple)).contents)
    }

    /// Most rows of the view modified: the client's estimate says the difference is
    /// too large, it asks for `full`, and the server sends the snapshot.
    @Test func largeDifferenceGetsFullSnapshot() throws {
        let (fixture, replica0) = try Self.primed(simples: 0)
        var replica = replica0
        let children = try fixture.uuids("Child", where: [["k", "<", 500]])
        try fixture.commit(children.prefix(children.count * 2 / 3).map { uuid in
            ["op": "update", "table": "Child", "where": [["_uuid", "==", ["uuid", .string(uuid)]]], "row": ["tag": "rewritten"]]
        })
        let client = try fixture.harness.connect()
        let run = try client.resync(&replica)
        #expect(run.kinds == ["estimator", "full"])
        #expect(run.outcome.map { if case .full(_, _, .largeDifference) = $0 { true } else { false } } == true)
        #expect(replica.contents == (try fixture.freshFetch(DigestFixture.childAndSimple)).contents)
    }

    /// What the client sends after the server asked for a larger IBF.
    enum SecondFilter: CaseIterable, Sendable {
        /// One large enough to peel.
        case peels
        /// One of the size asked for, still too small to peel.
        case failsAgain
        /// One smaller than asked for.
        case tooSmall
    }

    /// The client's IBF is too small to peel: the server asks for one twice as large.
    /// One that peels gives the difference; one that does not, a full snapshot; one
    /// smaller than asked for, an error.
    @Test(arguments: SecondFilter.allCases)
    func undecodableFilterGetsOneRetryThenFull(second: SecondFilter) throws {
        let (fixture, replica) = try Self.primed(simples: 0)
        let children = try fixture.uuids("Child", where: [["k", "<", 500]])
        try fixture.commit(children.prefix(30).map { uuid in
            ["op": "update", "table": "Child", "where": [["_uuid", "==", ["uuid", .string(uuid)]]], "row": ["tag": "moved"]]
        })
        let client = try fixture.harness.connect()
        let seed: UInt64 = 99
        var view = try replica.viewDigest()
        let offer = ResyncOffer(seed: seed, commitment: view.commitment, rowCount: view.rowCount,
                                schema: fixture.schema.digestFingerprint, mode: .ibf)
        let opened = try client.result("digest_resync", ["Test", "m", DigestFixture.childAndSimple, offer.json])
        #expect(opened["estimator"] != nil)
        func step(cells: Int) throws -> JSON {
            var filter = try InvertibleBloomFilter(cellCount: cells, hashCount: 3, seed: seed)
            filter.insert(contentsOf: view.keys)
            return try client.result("digest_continue", ["m", ResyncStep.ibf(filter).json])
        }
        let retry = try step(cells: 8)
        let cells = Int(try #require(retry["retry"]?.integerValue))
        #expect(cells == 16)
        switch second {
        case .peels:
            let last = try step(cells: 400)
            #expect(last["done"] != nil)
            #expect(last["updates"]?["Child"]?.objectValue?.count == 30)
            let base64Length: Int = (30 * 16 + 2) / 3 * 4
            #expect(last["delete"]?.stringValue?.count == base64Length)
        case .failsAgain:
            let last = try step(cells: cells)
            #expect(last["full"] != nil && last["reason"] == "failed")
        case .tooSmall:
            let last = try step(cells: cells - 1)
            #expect(last["error"]?["error"] == "syntax error")
            #expect(fixture.harness.core.digestResync.open.isEmpty)
        }
    }

    /// Transactions committed by other clients between `digest_resync` and the final
    /// reply reach the resyncing client exactly once, as `update3` after that reply, and
    /// never inside it.
    @Test(arguments: [ResyncMode.ibf, .rateless])
    func commitsDuringTheExchangeArriveOnceAfterTheFinalReply(mode: ResyncMode) throws {
        var (fixture, replica) = try Self.primed()
        try Self.changeSome(&fixture)
        let client = try fixture.harness.connect()
        let seed: UInt64 = 5
        var exchange = ClientExchange(view: try replica.viewDigest(), schema: fixture.schema.digestFingerprint, mode: mode,
                                      seed: seed, planner: ResyncPlanner())
        let opened = try client.result("digest_resync", ["Test", "m", DigestFixture.childAndSimple, exchange.offer.json])
        let snapshotID = try fixture.latestTransactionID()

        // Three transactions by the writer while the exchange is open: an insert into the
        // view, a modification of a row in it, and a change outside the view.
        let inView = try fixture.uuids("Child", where: [["k", "<", 500]])
        try fixture.commit([["op": "insert", "table": "Child", "row": ["k": 7, "tag": "during"]]])
        try fixture.commit([["op": "update", "table": "Child", "where": [["_uuid", "==", ["uuid", .string(inView[0])]]],
                             "row": ["tag": "touched"]]])
        let lastInView = try fixture.latestTransactionID()
        try fixture.commit([["op": "insert", "table": "Child", "row": ["k": 900, "tag": "outside"]]])

        var reply = opened
        var final: JSON?
        while final == nil {
            switch try exchange.handle(try ResyncReply(json: reply)) {
            case .send(let step):
                let messages = try client.call("digest_continue", ["m", step.json])
                #expect(messages.count == 1, "nothing but the reply before the exchange ends")
                reply = try #require(messages.last?["result"])
            case .finished(let outcome):
                guard case .difference(let id, let updates, let deleted) = outcome else {
                    Issue.record("expected done, got \(outcome)")
                    return
                }
                #expect(id.description == snapshotID)
                for row in deleted { replica.rows[row.table]?[row.uuid] = nil }
                try replica.apply(updates)
                final = reply
            }
        }
        // The exchange's snapshot predates the three commits: the replica is at the
        // snapshot, and the updates held since then follow the reply.
        let after = try client.receive()
        let notifications = after.filter { $0["method"] == "update3" }
        #expect(notifications.count == 2)
        #expect(notifications.allSatisfy { $0["params"]?[0] == "m" })
        #expect(notifications.last?["params"]?[1]?.stringValue == lastInView)
        for notification in notifications {
            try replica.apply(try #require(notification["params"]?[2]))
        }
        #expect(replica.contents == (try fixture.freshFetch(DigestFixture.childAndSimple)).contents)

        // From then on, one update per commit.
        try fixture.commit([["op": "insert", "table": "Child", "row": ["k": 8, "tag": "after"]]])
        #expect(try client.receive().filter { $0["method"] == "update3" }.count == 1)
    }
}
