import BenchmarkSupport
import Testing
@testable import OVSDB
@testable import SyncServer

/// The `monitor_cond_since` history: ids, bounds, merged changes, and rebuilding it
/// from a reopened file.
@Suite struct TransactionHistoryTests {
    private static let table = TableSchema(name: "T", userColumns: [ColumnSchema(name: "v", index: 2, type: .scalar(.integer))], isRoot: true)

    private static func row(_ uuid: OVSDBUUID, _ value: Int64) -> Row {
        var row = Row(table: table, uuid: uuid)
        row.values[2] = Datum(.integer(value))
        return row
    }

    private static func changes(_ rows: [ChangeSet.RowChange]) -> ChangeSet {
        ChangeSet(tables: [ChangeSet.TableChanges(table: 0, schema: table, rows: rows)])
    }

    private static func id(_ number: Int) -> OVSDBUUID {
        OVSDBUUID(high: 1, low: UInt64(number))
    }

    @Test func changesAfterAnIdAreTheLaterTransactionsAndUnknownIdsAreNil() {
        var history = TransactionHistory(maxTransactions: 100)
        let uuid = OVSDBUUID(high: 9, low: 9)
        for number in 1...5 {
            history.append(id: Self.id(number), changes: Self.changes([.init(uuid: uuid, old: nil, new: Self.row(uuid, Int64(number)))]),
                           databaseAtoms: 1000)
        }
        #expect(history.latestID == Self.id(5))
        #expect(history.changes(after: Self.id(5))?.isEmpty == true)
        #expect(history.changes(after: Self.id(2))?.count == 3)
        #expect(history.changes(after: Self.id(1))?.count == 4)
        #expect(history.changes(after: Self.id(6)) == nil)
        #expect(history.changes(after: .zero) == nil)
    }

    @Test func historyKeepsAtMostTheConfiguredNumberOfTransactions() {
        var history = TransactionHistory(maxTransactions: 100)
        let uuid = OVSDBUUID(high: 9, low: 9)
        for number in 1...105 {
            let change = ChangeSet.RowChange(uuid: uuid, old: Self.row(uuid, 0), new: Self.row(uuid, Int64(number)))
            history.append(id: Self.id(number), changes: Self.changes([change]), databaseAtoms: 1_000_000)
        }
        #expect(history.entries.count == 100)
        #expect(history.changes(after: Self.id(5)) == nil)
        #expect(history.changes(after: Self.id(6))?.count == 99)
    }

    @Test func historyNeverHoldsMoreAtomsThanTheDatabase() {
        var history = TransactionHistory(maxTransactions: 100)
        for number in 1...10 {
            let uuid = OVSDBUUID(high: 2, low: UInt64(number))
            history.append(id: Self.id(number), changes: Self.changes([.init(uuid: uuid, old: nil, new: Self.row(uuid, 1))]),
                           databaseAtoms: 3)
            #expect(history.historyAtoms <= 3)
        }
        #expect(history.entries.count == 4)
        #expect(history.changes(after: Self.id(7))?.count == 3)
    }

    @Test func mergedChangesMatchApplyingEachInTurn() {
        var generator = SplitMix64(seed: 3)
        let uuids = (0..<6).map { OVSDBUUID(high: 5, low: UInt64($0)) }
        for _ in 0..<50 {
            var state: [OVSDBUUID: Row] = [:]
            let start = state
            var changeSets: [ChangeSet] = []
            for _ in 0..<Int(generator.next() % 6 + 1) {
                var rows: [ChangeSet.RowChange] = []
                for uuid in uuids where generator.next() % 2 == 0 {
                    let old = state[uuid]
                    let new = generator.next() % 3 == 0 ? nil : Self.row(uuid, Int64(generator.next() % 3))
                    guard old != new else { continue }
                    rows.append(.init(uuid: uuid, old: old, new: new))
                    state[uuid] = new
                }
                if !rows.isEmpty { changeSets.append(Self.changes(rows)) }
            }
            guard !changeSets.isEmpty else { continue }
            let merged = ChangeSet.merging(changeSets)
            var applied = start
            for change in merged.tables.flatMap(\.rows) {
                #expect(applied[change.uuid] == change.old)
                #expect(change.old != change.new)
                applied[change.uuid] = change.new
            }
            #expect(applied == state)
        }
    }

    @Test func transactionIdsComeFromTheRecordAndAreVersionFiveUUIDs() {
        let position = LogRecord.Position(number: 3, offset: 812, length: 120, sha1: "0123456789abcdef0123456789abcdef01234567")
        let id = TransactionID.of(position)
        #expect(id == TransactionID.of(position))
        #expect(id.description.dropFirst(14).first == "5")
        #expect(["8", "9", "a", "b"].contains(id.description.dropFirst(19).first))
        var moved = position
        moved.offset += 1
        #expect(TransactionID.of(moved) != id)
        #expect(TransactionID.unlogged(after: id, sequence: 1) != TransactionID.unlogged(after: id, sequence: 2))
    }

    @Test func reopeningAFileReplaysTheLastRecordsWithTheirPositions() throws {
        let fixture = try StorageFixture()
        try fixture.fill(5)
        let storage = try StandaloneStorage.open(path: fixture.path, mode: .readWrite, logger: fixture.log.logger, keepingChanges: 3)
        defer { storage.close() }
        #expect(storage.replayed.map(\.position) == Array(storage.positions.suffix(3)))
        #expect(storage.replayed.allSatisfy { $0.changes.rowCount == 1 })
    }
}
