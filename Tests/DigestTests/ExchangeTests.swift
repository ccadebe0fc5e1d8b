import IBLT
import OVSDB
import Testing
@testable import Digest
import BenchmarkSupport

/// Whole exchanges between a `ClientExchange` and a `ServerExchange`, every message
/// serialized to JSON text and parsed back: afterwards the client's replica equals the
/// server's view, whatever path the planner took.
@Suite struct ExchangeTests {
    static let columns = ["i", "s", "m", "rs", "b"]

    /// A server database of one table and a client replica of a view of it.
    struct World {
        var table: TableSchema
        var view: TableView
        var server: [OVSDBUUID: Row] = [:]
        var replica: [OVSDBUUID: Row] = [:]
        var generator: SplitMix64
        var upBytes = 0
        var downBytes = 0
        var roundTrips = 0
        /// The server's shared estimators, or nil for one per exchange under the offer's seed.
        var estimators: EstimatorCache?

        init(rows: Int, seed: UInt64, where clauses: JSON = []) throws {
            table = try TestSchema.table("K")
            view = try TableDigestTests.view(table, columns: ExchangeTests.columns, where: clauses)
            generator = SplitMix64(seed: seed)
            for _ in 0..<rows {
                let uuid = OVSDBUUID.random(using: &generator)
                server[uuid] = TestSchema.row(table, uuid: uuid, using: &generator)
            }
            for (uuid, row) in server where view.contains(row) { replica[uuid] = projected(row) }
        }

        /// `row` as the client holds it: only the monitored columns.
        func projected(_ row: Row) -> Row {
            var copy = Row(table: table, uuid: row.uuid)
            for index in view.columns { copy[index] = row[index] }
            return copy
        }

        /// Modifies `modified` rows, inserts `inserted` and deletes `deleted` on the server.
        mutating func change(modified: Int, inserted: Int, deleted: Int) {
            let uuids = server.keys.sorted().shuffled(using: &generator)
            let column = table.columnIndex(named: "i") ?? 2
            for uuid in uuids.prefix(modified) {
                server[uuid]?[column] = Datum(.integer(Int64.random(in: 1000...1_000_000, using: &generator)))
            }
            for uuid in uuids.dropFirst(modified).prefix(deleted) { server[uuid] = nil }
            for _ in 0..<inserted {
                let uuid = OVSDBUUID.random(using: &generator)
                server[uuid] = TestSchema.row(table, uuid: uuid, using: &generator)
            }
        }

        func serverView() throws -> ViewDigest {
            try ViewDigest(tables: [TableDigest(view: view, rows: Array(server.values))])
        }

        func clientView() throws -> ViewDigest {
            try ViewDigest(tables: [TableDigest(view: view, memberRows: Array(replica.values))])
        }

        /// table-updates2 with every row of `uuids` as `initial`, defaults omitted.
        func updates(_ uuids: [OVSDBUUID]) -> JSON {
            var rows = JSONObject()
            for uuid in uuids {
                guard let row = server[uuid] else { continue }
                rows[uuid.description] = ["initial": row.json(table: table, columns: view.columns, omittingDefaults: true)]
            }
            return rows.isEmpty ? [:] : [table.name: .object(rows)]
        }

        mutating func apply(_ updates: JSON) throws {
            for (uuidText, change) in updates[table.name]?.objectValue ?? JSONObject() {
                let uuid = try #require(OVSDBUUID(uuidText))
                var row = Row(table: table, uuid: uuid)
                try row.update(json: try #require(change["initial"]), table: table)
                replica[uuid] = row
            }
        }

        /// Runs one whole exchange; returns how it ended.
        mutating func exchange(mode: ResyncMode, schema: SHA256Digest = SHA256Digest(of: [1]),
                               serverSchema: SHA256Digest = SHA256Digest(of: [1])) throws -> ClientExchange.Outcome {
            let planner = ResyncPlanner(averageRowBytes: 150)
            var client = ClientExchange(view: try clientView(), schema: schema, mode: mode, seed: generator.next(), planner: planner)
            let request = DigestRequest.resync(database: "Digest", monitorID: "m", requests: [:], offer: client.offer)
            let sent = try wire(request.params, up: true)
            guard case .resync(_, _, _, let offer) = try DigestRequest(method: request.method, params: sent) else {
                throw TestFailure(description: "not a resync request")
            }
            var server = ServerExchange(offer: offer, view: try serverView(), schema: serverSchema, planner: planner)
            var action: ServerExchange.Action
            if var cache = estimators {
                action = try server.open(estimators: &cache)
                estimators = cache
            } else {
                action = try server.open()
            }
            let lastID = OVSDBUUID(high: 7, low: 7)
            while true {
                let reply: ResyncReply
                switch action {
                case .reply(let message): reply = message
                case .inSync: reply = .inSync(lastTransactionID: lastID)
                case .full(let reason):
                    let members = self.server.filter { view.contains($0.value) }.map(\.key)
                    reply = .full(lastTransactionID: lastID, updates: updates(members), reason: reason)
                case .done(let rows, let keys):
                    reply = .done(lastTransactionID: lastID, updates: updates(rows.map(\.uuid)), deletedKeys: keys)
                }
                switch try client.handle(try ResyncReply(json: try wire(reply.json, up: false))) {
                case .send(let step):
                    action = try server.handle(try ResyncStep(json: try wire(step.json, up: true)))
                case .finished(let outcome):
                    try apply(outcome)
                    return outcome
                }
            }
        }

        mutating func apply(_ outcome: ClientExchange.Outcome) throws {
            switch outcome {
            case .inSync:
                break
            case .difference(_, let updates, let deleted):
                for row in deleted { replica[row.uuid] = nil }
                try apply(updates)
            case .full(_, let updates, _):
                replica.removeAll()
                try apply(updates)
            }
        }

        /// Counts the bytes of a message and sends it through JSON text.
        mutating func wire(_ json: JSON, up: Bool) throws -> JSON {
            let bytes = json.serialized()
            if up {
                upBytes += bytes.count
                roundTrips += 1
            } else {
                downBytes += bytes.count
            }
            return try JSON(parsing: bytes)
        }

        /// True if the replica holds exactly the view's rows with their monitored values,
        /// as the client reads them from JSON (so the server's -0.0 is the client's 0).
        func replicaMatchesTheServer() throws -> Bool {
            var expected = try serverView()
            var actual = try clientView()
            let (a, b) = (expected.commitment, actual.commitment)
            let rows = server.filter { view.contains($0.value) }
            func text(_ row: Row) throws -> [UInt8] {
                var parsed = Row(table: table, uuid: row.uuid)
                try parsed.update(json: try JSON(parsing: row.json(table: table, columns: view.columns).serialized()), table: table)
                return parsed.json(table: table, columns: view.columns).serialized()
            }
            let mismatched = try rows.filter { uuid, row in try replica[uuid].map { try text($0) != text(row) } ?? true }
            return a == b && rows.count == replica.count && mismatched.isEmpty
        }
    }

    @Test func nothingChangedIsOneRoundTripAndAFewBytes() throws {
        var world = try World(rows: 2000, seed: 1)
        for mode in ResyncMode.allCases {
            world.upBytes = 0
            world.downBytes = 0
            world.roundTrips = 0
            let outcome = try world.exchange(mode: mode)
            #expect(outcome == .inSync(lastTransactionID: OVSDBUUID(high: 7, low: 7)))
            #expect(world.roundTrips == 1)
            #expect(world.downBytes < 100 && world.upBytes < 300, "\(world.downBytes) down, \(world.upBytes) up")
        }
    }

    @Test(arguments: ResyncMode.allCases)
    func aSmallDifferenceSendsOnlyTheDifferingRows(mode: ResyncMode) throws {
        var world = try World(rows: 3000, seed: 2)
        world.change(modified: 30, inserted: 5, deleted: 5)
        let outcome = try world.exchange(mode: mode)
        guard case .difference(_, let updates, let deleted) = outcome else {
            Issue.record("expected a difference, got \(outcome)")
            return
        }
        #expect(updates["K"]?.objectValue?.count == 35)
        #expect(deleted.count == 35)
        #expect(try world.replicaMatchesTheServer())
    }

    @Test func rowsMovingOutOfTheConditionAreDeletedOnTheClient() throws {
        var world = try World(rows: 2000, seed: 3, where: [["b", "==", true]])
        let members = world.server.filter { world.view.contains($0.value) }.map(\.key).sorted().prefix(20)
        let column = try #require(world.table.columnIndex(named: "b"))
        for uuid in members { world.server[uuid]?[column] = Datum(.boolean(false)) }
        let outcome = try world.exchange(mode: .ibf)
        guard case .difference(_, let updates, let deleted) = outcome else {
            Issue.record("expected a difference, got \(outcome)")
            return
        }
        #expect(updates == [:] && Set(deleted.map(\.uuid)) == Set(members))
        #expect(try world.replicaMatchesTheServer())
    }

    @Test(arguments: ResyncMode.allCases)
    func aLargeDifferenceFallsBackToAFullSnapshot(mode: ResyncMode) throws {
        var world = try World(rows: 2000, seed: 4)
        world.change(modified: 1000, inserted: 0, deleted: 0)
        let outcome = try world.exchange(mode: mode)
        guard case .full(_, _, let reason) = outcome else {
            Issue.record("expected full, got \(outcome)")
            return
        }
        #expect(reason == .largeDifference)
        #expect(try world.replicaMatchesTheServer())
    }

    @Test func aSchemaChangeForcesAFullSnapshot() throws {
        var world = try World(rows: 500, seed: 5)
        let outcome = try world.exchange(mode: .ibf, schema: SHA256Digest(of: [1]), serverSchema: SHA256Digest(of: [2]))
        guard case .full(_, _, .schemaChanged) = outcome else {
            Issue.record("expected full for the schema, got \(outcome)")
            return
        }
        #expect(try world.replicaMatchesTheServer())
    }

    @Test func aFailedDecodeIsRetriedOnceThenFull() throws {
        let world = try World(rows: 3000, seed: 6)
        var replica = world
        replica.change(modified: 200, inserted: 0, deleted: 0)
        let planner = ResyncPlanner(averageRowBytes: 150)
        var clientView = try world.clientView()
        let offer = ResyncOffer(seed: 9, commitment: clientView.commitment, rowCount: 3000, schema: SHA256Digest(of: [1]), mode: .ibf)
        var server = ServerExchange(offer: offer, view: try replica.serverView(), schema: SHA256Digest(of: [1]), planner: planner)
        guard case .reply(.estimator) = try server.open() else { throw TestFailure(description: "no estimator") }
        func filter(_ cells: Int) throws -> ResyncStep {
            var filter = try InvertibleBloomFilter(cellCount: cells, hashCount: 4, seed: 9)
            filter.insert(contentsOf: clientView.keys)
            return .ibf(filter)
        }
        #expect(try server.handle(try filter(40)) == .reply(.retry(cellCount: 80)))
        #expect(throws: ExchangeError.wrongGeometry("IBF of 40 cells, at least 80 asked for")) { try server.handle(try filter(40)) }
        #expect(try server.handle(try filter(80)) == .full(.decodeFailed))
        #expect(throws: ExchangeError.unexpectedMessage(received: "ibf", state: "finished")) { try server.handle(try filter(80)) }
    }

    @Test func clientsOfTheSameViewShareOneEstimatorUnderTheServersSeed() throws {
        var first = try World(rows: 1000, seed: 11)
        first.change(modified: 6, inserted: 3, deleted: 2)
        var second = first
        first.estimators = EstimatorCache()
        guard case .difference = try first.exchange(mode: .ibf) else { throw TestFailure(description: "first: no difference") }
        second.estimators = first.estimators
        guard case .difference = try second.exchange(mode: .ibf) else { throw TestFailure(description: "second: no difference") }
        #expect(try first.replicaMatchesTheServer())
        #expect(try second.replicaMatchesTheServer())
        #expect(second.estimators?.builds == 1)
    }

    @Test func messagesOutOfTurnOrUnderAnotherSeedAreRefused() throws {
        let world = try World(rows: 1000, seed: 7)
        let planner = ResyncPlanner(averageRowBytes: 150)
        var changed = world
        changed.change(modified: 5, inserted: 0, deleted: 0)
        var client = ClientExchange(view: try world.clientView(), schema: SHA256Digest(of: [1]), mode: .ibf, seed: 5, planner: planner)
        #expect(throws: ExchangeError.unexpectedMessage(received: "retry", state: "waiting for the first reply")) {
            try client.handle(.retry(cellCount: 10))
        }
        #expect(throws: ExchangeError.unexpectedMessage(received: "symbols", state: "waiting for the first reply")) {
            var encoder = RatelessEncoder(keys: [], seed: 5)
            return try client.handle(.symbols(encoder.nextBatch(count: 4), rowCount: 1))
        }

        var server = ServerExchange(offer: client.offer, view: try changed.serverView(), schema: SHA256Digest(of: [1]), planner: planner)
        #expect(throws: ExchangeError.unexpectedMessage(received: "more", state: "opening")) { try server.handle(.more(symbolCount: 4)) }
        _ = try server.open()
        #expect(throws: ExchangeError.unexpectedMessage(received: "fetch", state: "waiting for an IBF")) { try server.handle(.fetch(keys: [])) }
        #expect(throws: ExchangeError.wrongSeed(received: 4, expected: 5)) {
            try server.handle(.ibf(try InvertibleBloomFilter(cellCount: 30, hashCount: 3, seed: 4)))
        }
    }
}
