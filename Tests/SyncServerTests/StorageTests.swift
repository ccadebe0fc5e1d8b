import Foundation
import Testing
@testable import OVSDB
import OVSTestSupport
@testable import SyncServer

/// The standalone log: records, replay, damage at the end and in the middle, commits,
/// compaction.
@Suite struct StorageTests {
    @Test func recordsCarryOVSsChecksumAndTheirPositions() throws {
        // The schema record of the engine notes' byte-by-byte example, as ovsdb-tool
        // wrote it: 139 bytes whose SHA-1 ovsdb-tool gave as 14effbfd...98be.
        let body = #"{"name":"S","version":"1.0.0","tables":{"A":{"columns":{"x":{"type":"integer"},"s":{"type":{"max":"unlimited","min":0,"key":"string"}}}}}}"#
        let (bytes, sha1) = LogRecord.encode(try JSON(parsing: body))
        #expect(sha1 == "14effbfdc4e2b21f03506ea2f918dcd4b84198be")
        #expect(Array(bytes.prefix(56)) == Array("OVSDB JSON 139 14effbfdc4e2b21f03506ea2f918dcd4b84198be\n".utf8))
        #expect(bytes.count == 56 + 139)

        let fixture = try StorageFixture()
        try fixture.fill(3)
        let storage = try fixture.open(.readOnly)
        defer { storage.close() }
        #expect(storage.positions.map(\.number) == [0, 1, 2, 3])
        #expect(zip(storage.positions, storage.positions.dropFirst()).allSatisfy { $0.end == $1.offset })
        #expect(storage.positions.last?.end == (try fixture.bytes()).count)
        let contents = try LogFile.open(path: fixture.path, mode: .readOnly).readAll()
        for record in contents.records {
            let recordBytes = Array(try fixture.bytes()[record.position.offset..<record.position.end])
            let header = String(decoding: recordBytes.prefix { $0 != 10 }, as: UTF8.self)
            #expect(header.hasSuffix(record.position.sha1))
        }
    }

    @Test func aTornLastRecordIsCutAwayWithAWarningAndNothingCommittedIsLost() throws {
        let fixture = try StorageFixture()
        try fixture.fill(3)
        let whole = try fixture.bytes()
        let lastStart = try LogFile.open(path: fixture.path, mode: .readOnly).readAll().records[3].position.offset
        for cut in [whole.count - 1, lastStart + 30, lastStart + 70] {
            try fixture.write(Array(whole.prefix(cut)))
            let storage = try fixture.open()
            #expect(storage.size == lastStart)
            try StorageFixture.transact(storage, ["op": "insert", "table": "Other", "row": ["k": "after"]])
            storage.close()
            #expect(try fixture.keys() == ["after", "k0", "k1"])
            #expect(fixture.log.messages(atLeast: .warning).contains { $0.contains("truncating the log at offset \(lastStart)") })
        }
    }

    @Test func corruptOrTrailingGarbageAfterTheLastGoodRecordIsCutAway() throws {
        let fixture = try StorageFixture()
        try fixture.fill(2)
        let whole = try fixture.bytes()
        var flipped = whole
        flipped[whole.count - 5] ^= 0x20
        for damaged in [flipped, whole + Array("garbage\n".utf8), whole + [UInt8](repeating: 0, count: 4096), whole + Array("\n".utf8)] {
            try fixture.write(damaged)
            let storage = try fixture.open()
            storage.close()
            let expected = damaged == flipped ? ["k0"] : ["k0", "k1"]
            #expect(try fixture.keys() == expected)
            #expect(try fixture.bytes().count <= whole.count)
            try fixture.write(whole)
        }
    }

    @Test func damageBeforeTheLastRecordRefusesToOpenAndChangesNothing() throws {
        let fixture = try StorageFixture()
        try fixture.fill(4)
        let contents = try LogFile.open(path: fixture.path, mode: .readOnly).readAll()
        var bytes = try fixture.bytes()
        let second = contents.records[2].position
        bytes[second.end - 10] ^= 0x01
        try fixture.write(bytes)
        #expect {
            try fixture.open()
        } throws: { error in
            guard case StorageError.log(.damagedBeforeEnd(let record, .checksum(_, let offset, _, _, _))) = error else { return false }
            return record == 2 && offset > second.offset && "\(error)".contains("record 2")
        }
        #expect(try fixture.bytes() == bytes)
        var header = try fixture.bytes()
        header[second.offset] = UInt8(ascii: "X")
        header[second.end - 10] ^= 0x01
        try fixture.write(header)
        #expect(throws: StorageError.self) { try fixture.open(.readOnly) }
    }

    @Test func aReadOnlyOpenLeavesADamagedTailInPlace() throws {
        let fixture = try StorageFixture()
        try fixture.fill(2)
        let damaged = try fixture.bytes().dropLast(3)
        try fixture.write(Array(damaged))
        let storage = try fixture.open(.readOnly)
        storage.close()
        #expect(try fixture.bytes() == Array(damaged))
        #expect(fixture.log.messages(atLeast: .warning).contains { $0.contains("ignoring the damaged end") })
    }

    @Test func recordsThatCannotBeAppliedRefuseToOpenWithTheirPosition() throws {
        let fixture = try StorageFixture()
        try fixture.fill(1)
        for bad: JSON in [["_date": 1, "Nope": [:]], ["_date": 1, "Other": ["not-a-uuid": [:]]],
                          ["_date": 1, "Other": [EngineFixture.uuid(7): ["_uuid": ["uuid", .string(EngineFixture.uuid(8))]]]],
                          ["_date": 1, "Root": [EngineFixture.uuid(7): ["child": ["uuid", .string(EngineFixture.uuid(8))]]]],
                          ["_date": 1, "Other": [EngineFixture.uuid(9): nil]]] {
            let before = try fixture.bytes()
            let file = try LogFile.open(path: fixture.path, mode: .readWrite)
            _ = try file.readAll()
            let position = try file.append(bad)
            file.close()
            #expect {
                try fixture.open()
            } throws: { error in
                guard case StorageError.badRecord(_, let record, let offset, _) = error else { return false }
                return record == 2 && offset == position.offset
            }
            try fixture.write(before)
        }
    }

    @Test func emptyAndForeignFilesAreRefused() throws {
        let fixture = try StorageFixture()
        try fixture.write([])
        #expect(throws: StorageError.self) { try fixture.open() }
        try fixture.write(Array("OVSDB CLUSTER 2 0000000000000000000000000000000000000000\n{}".utf8))
        #expect(throws: StorageError.self) { try fixture.open() }
        #expect(throws: StorageError.self) { try StandaloneStorage.open(path: "\(fixture.directory.path)/missing.db", mode: .readOnly, logger: fixture.log.logger) }
    }

    @Test func compactionKeepsTheContentsInTwoRecords() throws {
        let fixture = try StorageFixture()
        try fixture.fill(5)
        let storage = try fixture.open()
        try StorageFixture.transact(storage, ["op": "delete", "table": "Other", "where": [["k", "==", "k0"]]],
                                    ["op": "insert", "table": "Root", "row": ["name": "r", "eph": "gone", "m": ["map", [["a", 1]]]]])
        try storage.compact()
        #expect(storage.positions.count == 2)
        try StorageFixture.transact(storage, ["op": "insert", "table": "Other", "row": ["k": "later"]])
        storage.close()
        let contents = try LogFile.open(path: fixture.path, mode: .readOnly).readAll()
        #expect(contents.records.count == 3)
        #expect(contents.records[1].json["_comment"] == "compacted by digestsync")
        #expect(contents.records[1].json["_is_diff"] == nil)
        #expect(try fixture.keys() == ["k1", "k2", "k3", "k4", "later"])
        let reopened = try fixture.open(.readOnly)
        #expect(reopened.database.table(named: "Root")?.rows.values.first?.values[15] == Datum(.string("")))
        reopened.close()
    }

    @Test func compactionIsDueAsOVSDBServerDecides() {
        var policy = CompactionPolicy(now: 0, size: 1000)
        #expect(!policy.shouldCompact(now: policy.earliest - 1, size: 100_000_000))
        #expect(!policy.shouldCompact(now: policy.earliest, size: 100_000_000))
        for _ in 0..<100 { policy.recordWritten() }
        #expect(policy.shouldCompact(now: policy.earliest, size: 11 * 1024 * 1024))
        #expect(!policy.shouldCompact(now: policy.earliest, size: 10 * 1024 * 1024))
        policy.restart(now: 0, size: 8 * 1024 * 1024)
        for _ in 0..<100 { policy.recordWritten() }
        #expect(!policy.shouldCompact(now: policy.earliest, size: 12 * 1024 * 1024))
        #expect(policy.shouldCompact(now: policy.latest, size: 12 * 1024 * 1024))
        policy.restart(now: 0, size: 8 * 1024 * 1024)
        #expect(!policy.shouldCompact(now: policy.latest, size: 12 * 1024 * 1024))
        #expect(policy.earliest >= 10 * 60 * 1000 && policy.earliest < 20 * 60 * 1000)
    }

    @Test func commitsWriteOnlyPersistentChanges() throws {
        let fixture = try StorageFixture()
        let storage = try fixture.open()
        defer { storage.close() }
        try StorageFixture.transact(storage, ["op": "insert", "table": "Root", "row": ["name": "r"]])
        let size = storage.size
        try StorageFixture.transact(storage, ["op": "update", "table": "Root", "where": [], "row": ["eph": "x"]])
        try StorageFixture.transact(storage, ["op": "comment", "comment": "nothing"])
        try StorageFixture.transact(storage, ["op": "insert", "table": "Child", "row": ["n": 1]])
        #expect(storage.size == size)
        #expect(storage.database.table(named: "Root")?.rows.values.first?.values[15] == Datum(.string("x")))
        let durable = try StorageFixture.transact(storage, ["op": "update", "table": "Root", "where": [], "row": ["i": 7]], ["op": "commit", "durable": true])
        #expect(durable == [["count": 1], [:]])
        #expect(storage.size > size)
    }
}
