import BenchmarkSupport
import Digest
import OVSDB
import Testing
@testable import SyncClient

/// The replica's update rules: update2 diffs as OVS applies them
/// (`ovsdb_datum_apply_diff`), v1 rows, inconsistencies, whole-update atomicity, the
/// difference reported after a full snapshot, and the incremental digest.
@Suite struct ReplicaTests {
    static func replica(_ requests: [String: MonitorRequest] = ["Simple": .all, "Child": .all],
                        conditions: [String: Condition] = [:]) throws -> Replica {
        let schema = try TestSchema.schema
        let monitors = try ConnectionStateMachine.resolve(requests, in: schema)
        return Replica(schema: schema, monitors: monitors, conditions: conditions)
    }

    static func updates(_ table: String, _ uuid: OVSDBUUID, _ change: JSON) -> JSON {
        [table: [uuid.description: change]]
    }

    @Test func update2DiffsFollowOVS() throws {
        var replica = try Self.replica()
        let id = uuid(1)
        _ = try replica.apply(Self.updates("Simple", id, ["insert": ["name": "x", "s": ["set", ["a", "b"]],
                                                                   "m": ["map", [["k1", "v1"], ["k2", "v2"]]]]]), format: .diffs)
        // Captured diffs (server-client.md 5.4): sets XOR, maps add/remove/replace, max-1 replace.
        let batch = try replica.apply(Self.updates("Simple", id, ["modify": [
            "s": ["set", ["a", "c"]], "m": ["map", [["k1", "v1"], ["k3", "v3"]]], "opt": 7, "i": 5,
        ]]), format: .diffs)
        var row = try #require(replica.snapshot.row("Simple", id))
        #expect(row.strings("s") == ["b", "c"])
        #expect(row.stringMap("m") == ["k2": "v2", "k3": "v3"])
        #expect(row.integer("opt") == 7 && row.integer("i") == 5 && row.string("name") == "x")
        #expect(batch["Simple"].modified.first?.changedColumns == ["i", "s", "m", "opt"])

        _ = try replica.apply(Self.updates("Simple", id, ["modify": ["m": ["map", [["k2", "v2b"]]], "opt": ["set", []],
                                                                     "s": "z"]]), format: .diffs)
        row = try #require(replica.snapshot.row("Simple", id))
        #expect(row.stringMap("m") == ["k2": "v2b", "k3": "v3"])
        #expect(row.integer("opt") == nil && row["opt"]?.isEmpty == true)
        #expect(row.strings("s") == ["b", "c", "z"])

        let deleted = try replica.apply(Self.updates("Simple", id, ["delete": nil]), format: .diffs)
        #expect(deleted["Simple"].deleted.map(\.uuid) == [id])
        #expect(replica.snapshot.row("Simple", id) == nil)
    }

    @Test func realColumnsAcceptIntegerTokens() throws {
        var replica = try Self.replica()
        _ = try replica.apply(Self.updates("Simple", uuid(1), ["initial": ["r": 2, "b": true]]), format: .diffs)
        let row = try #require(replica.snapshot.row("Simple", uuid(1)))
        #expect(row.real("r") == 2.0 && row.boolean("b") == true)
    }

    @Test func plainMonitorRowsCarryWholeRows() throws {
        var replica = try Self.replica()
        let id = uuid(2)
        _ = try replica.apply(Self.updates("Child", id, ["new": ["k": 1, "tag": "a"]]), format: .rows)
        let batch = try replica.apply(Self.updates("Child", id, ["old": ["k": 1], "new": ["k": 2, "tag": "a"]]), format: .rows)
        #expect(batch["Child"].modified.first?.changedColumns == ["k"])
        #expect(replica.snapshot.row("Child", id)?.integer("k") == 2)
        // An empty modify (OVS 3.1's shared-monitor quirk, 5.7) changes nothing.
        #expect(try replica.apply(Self.updates("Child", id, ["old": [:], "new": [:]]), format: .rows).isEmpty)
        _ = try replica.apply(Self.updates("Child", id, ["old": ["k": 2, "tag": "a"]]), format: .rows)
        #expect(replica.snapshot.row("Child", id) == nil)
    }

    @Test(arguments: [
        (["insert": ["k": 1]] as JSON, true), (["modify": ["k": 1]] as JSON, false), (["delete": nil] as JSON, false),
    ] as [(JSON, Bool)])
    func inconsistentUpdatesAreRejectedWhole(change: JSON, rowExists: Bool) throws {
        var replica = try Self.replica()
        if rowExists { _ = try replica.apply(Self.updates("Child", uuid(1), ["insert": ["k": 0]]), format: .diffs) }
        let before = replica.snapshot
        let update: JSON = ["Child": [uuid(5).description: ["insert": ["k": 5]],
                                      (rowExists ? uuid(1) : uuid(6)).description: change]]
        #expect(throws: ReplicaError.self) { try replica.apply(update, format: .diffs) }
        #expect(replica.snapshot == before)
        #expect(replica.snapshot.row("Child", uuid(5)) == nil)
    }

    @Test(arguments: [
        ["Nope": [:]], ["Child": ["not-a-uuid": ["insert": [:]]]],
        ["Child": [uuid(1).description: ["insert": ["k": "text"]]]],
        ["Child": [uuid(1).description: ["insert": [:], "delete": nil]]],
        ["Child": [uuid(1).description: ["upsert": [:]]]], ["Child": [uuid(1).description: ["insert": ["nope": 1]]]],
    ] as [JSON])
    func malformedUpdatesAreErrors(update: JSON) throws {
        var replica = try Self.replica()
        #expect(throws: ReplicaError.self) { try replica.apply(update, format: .diffs) }
        #expect(replica.rowCount == 0)
    }

    @Test func fullSnapshotReportsOnlyTheDifference() throws {
        var replica = try Self.replica()
        _ = try replica.replace(with: ["Child": [uuid(1).description: ["initial": ["k": 1]],
                                                 uuid(2).description: ["initial": ["k": 2]],
                                                 uuid(3).description: ["initial": ["k": 3]]]], format: .diffs)
        let batch = try replica.replace(with: ["Child": [uuid(1).description: ["initial": ["k": 1]],
                                                         uuid(2).description: ["initial": ["k": 20]],
                                                         uuid(4).description: ["initial": ["k": 4]]]], format: .diffs)
        #expect(batch["Child"].inserted.map(\.uuid) == [uuid(4)])
        #expect(batch["Child"].modified.map(\.new.uuid) == [uuid(2)])
        #expect(batch["Child"].deleted.map(\.uuid) == [uuid(3)])
        #expect(batch.count == 3)
    }

    @Test func unmonitoredColumnsAreIgnored() throws {
        var replica = try Self.replica(["Simple": MonitorRequest(columns: ["name"])])
        _ = try replica.apply(Self.updates("Simple", uuid(1), ["insert": ["name": "n", "i": 7]]), format: .diffs)
        let row = try #require(replica.snapshot.row("Simple", uuid(1)))
        #expect(row.string("name") == "n" && row.integer("i") == 0)
        #expect(replica.snapshot.tables["Simple"]?.columnNames == ["name"])
    }

    @Test func typedAccessorsNeverTrapOnOtherTypes() throws {
        var replica = try Self.replica()
        let child = uuid(9)
        _ = try replica.apply(Self.updates("Simple", uuid(1), ["insert": [
            "name": "n", "ref": ["uuid", .string(child.description)], "m": ["map", [["a", "b"]]],
        ]]), format: .diffs)
        let row = try #require(replica.snapshot.row("Simple", uuid(1)))
        #expect(row.uuids("ref") == [child])
        #expect(row.integers("opt").isEmpty && row.integers("ref").isEmpty)
        #expect(row.integer("name") == nil && row.string("nope") == nil && row.map("s").isEmpty && row.set("m").isEmpty)
        #expect(row.uuid("ref") == child)
        #expect(row.map("m").map(\.key) == [Atom.string("a")])
    }

    /// Random updates of every kind: the incremental digest always equals one rebuilt
    /// from the rows.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func incrementalDigestEqualsOneRebuiltFromTheRows(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let schema = try TestSchema.schema
        let simple = try #require(schema.table(named: "Simple"))
        var replica = try Self.replica(["Simple": MonitorRequest(columns: ["name", "i", "s", "m"]), "Child": .all],
                                       conditions: ["Simple": try Condition(json: [["i", ">", 3]], table: simple)])
        var live: [OVSDBUUID] = []
        for _ in 0..<300 {
            let choice = Int.random(in: 0..<4, using: &generator)
            if choice == 0 || live.isEmpty {
                let id = OVSDBUUID.random(using: &generator)
                live.append(id)
                _ = try replica.apply(Self.updates("Simple", id, ["insert": ["name": .string("n\(live.count)"),
                                                                              "i": .integer(Int64(live.count))]]), format: .diffs)
            } else if choice == 1 {
                let id = live.remove(at: Int.random(in: 0..<live.count, using: &generator))
                _ = try replica.apply(Self.updates("Simple", id, ["delete": nil]), format: .diffs)
            } else {
                let id = live[Int.random(in: 0..<live.count, using: &generator)]
                let tag = JSON.string("t\(Int.random(in: 0..<5, using: &generator))")
                _ = try replica.apply(Self.updates("Simple", id, ["modify": ["s": tag, "m": ["map", [[tag, "v"]]],
                                                                              "i": .integer(Int64.random(in: 0..<9, using: &generator))]]),
                                      format: .diffs)
            }
        }
        var incremental = try #require(replica.digest)
        var rebuilt = try #require(replica.digestFromScratch())
        #expect(incremental.rowCount == live.count)
        #expect(incremental.commitment == rebuilt.commitment)
    }
}
