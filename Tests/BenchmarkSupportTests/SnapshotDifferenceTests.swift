import Testing
import OVSDB
@testable import BenchmarkSupport

@Suite(.serialized) struct SnapshotDifferenceTests {
    private let a = "11111111-1111-1111-1111-111111111111"
    private let b = "22222222-2222-2222-2222-222222222222"
    private let c = "33333333-3333-3333-3333-333333333333"

    @Test func eachKindOfChangeIsWrittenAsFullRowsOrDeleteInSortedOrder() throws {
        let before: JSON = ["T": .object([a: ["initial": ["x": 1, "y": "p"]], b: ["initial": ["x": 2]]]),
                            "U": .object([c: ["initial": ["z": true]]])]
        // a: same row, members in another order; b: modified; c: deleted; d: inserted.
        let after: JSON = ["T": .object([b: ["initial": ["x": 3]], a: ["initial": ["y": "p", "x": 1]],
                                         "44444444-4444-4444-4444-444444444444": ["initial": ["x": 4]]])]
        let difference = try SnapshotDifference(before: before, after: after)
        #expect(difference.modified == 1 && difference.inserted == 1 && difference.deleted == 1 && difference.rowCount == 3)
        let expected = #"{"T":{"22222222-2222-2222-2222-222222222222":{"initial":{"x":3}},"#
            + #""44444444-4444-4444-4444-444444444444":{"initial":{"x":4}}},"#
            + #""U":{"33333333-3333-3333-3333-333333333333":{"delete":null}}}"#
        #expect(difference.updates.serializedString() == expected)
        #expect(difference.jsonBytes == expected.utf8.count)
    }

    @Test func equalSnapshotsDifferInNothing() throws {
        let snapshot: JSON = ["T": .object([a: ["initial": ["x": ["set", [1, 2]]]]])]
        let difference = try SnapshotDifference(before: snapshot, after: snapshot)
        #expect(difference.rowCount == 0 && difference.jsonBytes == 0)
    }

    @Test func malformedSnapshotsAreRefused() {
        let good: JSON = ["T": .object([a: ["initial": ["x": 1]]])]
        #expect(throws: SnapshotError.notAnObject("before")) { try SnapshotDifference(before: [1], after: good) }
        #expect(throws: SnapshotError.malformedTable("after", table: "T")) {
            try SnapshotDifference(before: good, after: ["T": [1]])
        }
        #expect(throws: SnapshotError.malformedRow("after", table: "T", uuid: "nope")) {
            try SnapshotDifference(before: good, after: ["T": ["nope": ["initial": ["x": 1]]]])
        }
        #expect(throws: SnapshotError.malformedRow("after", table: "T", uuid: a)) {
            try SnapshotDifference(before: good, after: ["T": .object([a: ["insert": ["x": 1]]])])
        }
    }

    @Test func snapshotsFromOVSDBServerDifferInExactlyTheCommittedChanges() async throws {
        let sizes = SouthboundSizes(logicalFlows: 2000, portsPerSwitch: 5, switchesPerRouter: 4)
        try await LoadedServer.with(sizes) { loaded, client, _ in
            let name = SouthboundDatabase.name
            let before = try await client.snapshot(database: name, schema: loaded.schema, timeout: .seconds(60))
            var model = loaded.database
            let changes = try model.makeChanges(fraction: 0.05, transactions: 3, seed: 9)
            for operations in changes.transactions {
                try await client.transact(database: name, operations: operations)
            }
            let after = try await client.snapshot(database: name, schema: loaded.schema, timeout: .seconds(60))
            let difference = try SnapshotDifference(before: before.updates, after: after.updates)
            #expect(difference.modified == changes.counts.modified)
            #expect(difference.inserted == changes.counts.inserted)
            #expect(difference.deleted == changes.counts.deleted)
            // Each changed row once, inserted and modified ones with every non-default column.
            let rows = try #require(difference.updates.objectValue).values.flatMap { $0.objectValue?.values ?? [] }
            #expect(rows.count == changes.counts.total)
            for row in rows where row["initial"] != nil {
                #expect((row["initial"]?.objectValue?.count ?? 0) > 1)
            }
        }
    }
}
