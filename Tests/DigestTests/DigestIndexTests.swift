import IBLT
import OVSDB
import Testing
@testable import Digest

/// The server's shared, bounded index of view digests: one build per distinct view,
/// kept equal to a rebuild by every commit, evicting the least recently used.
@Suite struct DigestIndexTests {
    @Test func identicalViewsShareOneBuild() throws {
        var history = try TableDigestTests.History(seed: 21)
        for _ in 0..<300 { _ = history.step() }
        let view = try TableDigestTests.view(history.table, columns: ["i", "s"], where: [["b", "==", true]])
        var index = DigestIndex()
        var snapshots = 0
        for _ in 0..<500 {
            var digest = index.tableDigest(for: view) { () -> [Row] in
                snapshots += 1
                return Array(history.rows.values)
            }
            _ = digest.root
        }
        #expect(snapshots == 1)
        #expect(index.buildCount == 1)
        #expect(index.viewCount == 1)
    }

    @Test func commitsKeepEveryViewEqualToARebuild() throws {
        var history = try TableDigestTests.History(seed: 22)
        for _ in 0..<200 { _ = history.step() }
        let table = history.table
        let views = [
            try TableDigestTests.view(table, columns: ["i", "s"], where: [["b", "==", true]]),
            try TableDigestTests.view(table, columns: ["i", "s"], where: [["i", "==", 1], ["i", "==", 0]]),
            try TableDigestTests.view(table, columns: ["i", "s"], where: []),
            try TableDigestTests.view(table, columns: nil, where: [["b", "==", false]]),
        ]
        var index = DigestIndex()
        for view in views { _ = index.tableDigest(for: view) { Array(history.rows.values) } }
        for _ in 0..<1000 {
            let (uuid, old, new) = history.step()
            index.apply(table: "K", uuid: uuid, old: old, new: new)
            index.apply(table: "Port_Binding", uuid: uuid, old: nil, new: nil)
        }
        for view in views {
            var kept = index.tableDigest(for: view) { [Row]() }
            var rebuilt = TableDigest(view: view, rows: Array(history.rows.values))
            let (expected, actual) = (rebuilt.root, kept.root)
            #expect(actual == expected)
            #expect(kept.count == rebuilt.count)
        }
        #expect(index.buildCount == views.count)
    }

    @Test func aViewDigestComesFromTheSharedTableDigests() throws {
        let k = try TestSchema.table("K")
        let p = try TestSchema.table("Port_Binding")
        let rows = ["K": ViewDigestTests.rows(k, count: 100, seed: 5), "Port_Binding": ViewDigestTests.rows(p, count: 20, seed: 6)]
        let views = [try TableDigestTests.view(p, columns: nil, where: []), try TableDigestTests.view(k, columns: ["s"], where: [])]
        var index = DigestIndex()
        var first = try index.viewDigest(for: views) { rows[$0] ?? [] }
        var second = try index.viewDigest(for: views) { _ in [Row]() }
        var direct = try ViewDigest(tables: views.map { TableDigest(view: $0, rows: rows[$0.tableName] ?? []) })
        let (a, b, c) = (first.commitment, second.commitment, direct.commitment)
        #expect(a == c && b == c)
        #expect(index.buildCount == 2)
    }

    @Test func theLeastRecentlyUsedViewsAreEvictedBeyondTheLimits() throws {
        let table = try TestSchema.table("K")
        let rows = ViewDigestTests.rows(table, count: 100, seed: 7)
        let views = try (0..<6).map { value in
            try TableDigestTests.view(table, columns: ["s"], where: [["i", "!=", .integer(Int64(value))]])
        }
        var index = DigestIndex(limits: DigestIndex.Limits(maximumViews: 3, maximumEntries: 1_000_000))
        for view in views.prefix(3) { _ = index.tableDigest(for: view) { rows } }
        _ = index.tableDigest(for: views[0]) { rows }
        _ = index.tableDigest(for: views[3]) { rows }
        #expect(index.viewCount == 3)
        #expect(index.buildCount == 4)
        _ = index.tableDigest(for: views[0]) { rows }
        #expect(index.buildCount == 4, "view 0 was used recently and kept")
        _ = index.tableDigest(for: views[1]) { rows }
        #expect(index.buildCount == 5, "view 1 was the least recently used and evicted")

        var small = DigestIndex(limits: DigestIndex.Limits(maximumViews: 100, maximumEntries: 250))
        for view in views { _ = small.tableDigest(for: view) { rows } }
        #expect(small.entryCount <= 250)
        #expect(small.viewCount == 1)
        small.removeAll()
        #expect(small.viewCount == 0 && small.entryCount == 0)
    }
}
