import BenchmarkSupport
import Digest
import Foundation
import OVSDB
import OVSTestSupport
import Testing
@testable import SyncClient

/// The replica file: a faithful round trip, and any damage (truncation at every byte,
/// random corruption, another database or other requests) refused with a typed error,
/// never read as a wrong replica.
@Suite struct ReplicaStoreTests {
    static let requests: [String: MonitorRequest] = ["Simple": MonitorRequest(columns: ["name", "i", "s", "m", "opt", "r"]),
                                                     "Child": MonitorRequest(where: [["k", ">", 0]])]

    static func configuration(_ requests: [String: MonitorRequest] = requests) -> ClientConfiguration {
        ClientConfiguration(remotes: [.unix(path: "/nowhere")], database: "Test", tables: requests)
    }

    /// A replica with a few rows of every kind of column.
    static func replica(rows: Int = 3) throws -> Replica {
        let schema = try TestSchema.schema
        let monitors = try ConnectionStateMachine.resolve(requests, in: schema)
        var replica = Replica(schema: schema, monitors: monitors,
                              conditions: ["Child": try Condition(json: [["k", ">", 0]], table: try #require(schema.table(named: "Child")))])
        var updates = JSONObject()
        var simple = JSONObject()
        var child = JSONObject()
        for n in 0..<rows {
            simple[uuid(n).description] = ["initial": ["name": .string("é\(n)\"\\"), "i": .integer(Int64(n) - 1), "r": 0.1,
                                                       "s": ["set", ["a", .string("\(n)")]], "m": ["map", [["k", "v"]]], "opt": 3]]
            child[uuid(100 + n).description] = ["initial": ["k": .integer(Int64(n + 1))]]
        }
        updates["Simple"] = .object(simple)
        updates["Child"] = .object(child)
        _ = try replica.replace(with: .object(updates), format: .diffs)
        replica.lastTransactionID = OVSDBUUID.random()
        return replica
    }

    static func persisted(_ replica: Replica) throws -> PersistedReplica {
        PersistedReplica(schema: try #require(replica.schema), requests: requests,
                         lastTransactionID: replica.lastTransactionID, tables: replica.tables)
    }

    @Test func roundTripKeepsRowsTransactionIDAndDigest() throws {
        let original = try Self.replica()
        let bytes = ReplicaStore.encode(try Self.persisted(original), database: "Test")
        let loaded = try ReplicaStore.decode(bytes, configuration: Self.configuration())
        #expect(loaded.snapshot == original.snapshot)
        #expect(loaded.isPrimed)
        var loadedDigest = try #require(loaded.digest)
        var originalDigest = try #require(original.digest)
        #expect(loadedDigest.commitment == originalDigest.commitment)
    }

    @Test func truncationAtEveryByteIsRefused() throws {
        let bytes = ReplicaStore.encode(try Self.persisted(try Self.replica(rows: 2)), database: "Test")
        for length in 0..<bytes.count {
            #expect(throws: ReplicaStoreError.self, "\(length) of \(bytes.count) bytes") {
                try ReplicaStore.decode(Array(bytes.prefix(length)), configuration: Self.configuration())
            }
        }
    }

    @Test func randomCorruptionIsRefused() throws {
        let bytes = ReplicaStore.encode(try Self.persisted(try Self.replica()), database: "Test")
        var generator = SplitMix64(seed: 42)
        for _ in 0..<500 {
            var damaged = bytes
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let index = Int.random(in: 0..<damaged.count, using: &generator)
                damaged[index] ^= UInt8.random(in: 1...255, using: &generator)
            }
            #expect(throws: ReplicaStoreError.self) { try ReplicaStore.decode(damaged, configuration: Self.configuration()) }
        }
        #expect(throws: ReplicaStoreError.self) { try ReplicaStore.decode(bytes + [0], configuration: Self.configuration()) }
    }

    @Test func anotherDatabaseOrOtherRequestsAreRefused() throws {
        let persisted = try Self.persisted(try Self.replica())
        #expect(throws: ReplicaStoreError.otherDatabase("Other")) {
            try ReplicaStore.decode(ReplicaStore.encode(persisted, database: "Other"), configuration: Self.configuration())
        }
        var other = Self.requests
        other["Child"] = MonitorRequest(where: [["k", ">", 1]])
        #expect(throws: ReplicaStoreError.otherRequests) {
            try ReplicaStore.decode(ReplicaStore.encode(persisted, database: "Test"), configuration: Self.configuration(other))
        }
    }

    /// A file with `body` and a correct length and checksum.
    static func framed(_ body: String) -> [UInt8] {
        let bytes = Array(body.utf8)
        var file = ReplicaStore.magic + [ReplicaStore.version]
        for shift in stride(from: 56, through: 0, by: -8) { file.append(UInt8(truncatingIfNeeded: UInt64(bytes.count) >> UInt64(shift))) }
        file += bytes
        return file + SHA256Digest(of: file).bytes
    }

    @Test func contentBehindACorrectChecksumIsStillChecked() throws {
        let bytes = ReplicaStore.encode(try Self.persisted(try Self.replica(rows: 1)), database: "Test")
        let body = String(decoding: bytes[ReplicaStore.headerSize..<(bytes.count - ReplicaStore.checksumSize)], as: UTF8.self)
        #expect(try ReplicaStore.decode(Self.framed(body), configuration: Self.configuration()).rowCount == 2)
        let damaged = [body.replacingOccurrences(of: "\"k\":1", with: "\"k\":\"one\""),
                       body.replacingOccurrences(of: "\"Child\":{", with: "\"Nope\":{"),
                       body.replacingOccurrences(of: "\"last_txn_id\":\"", with: "\"last_txn_id\":\"x"),
                       body.replacingOccurrences(of: "\"schema\":{", with: "\"schema\":{\"bogus\":1,"),
                       String(body.dropLast())]
        for text in damaged {
            #expect(text != body)
            #expect(throws: ReplicaStoreError.self) { try ReplicaStore.decode(Self.framed(text), configuration: Self.configuration()) }
        }
    }

    @Test func writeIsAtomicAndLoadable() throws {
        let directory = try TemporaryDirectory()
        let path = "\(directory.path)/replica"
        let persisted = try Self.persisted(try Self.replica())
        try ReplicaStore.write(persisted, database: "Test", to: path)
        try ReplicaStore.write(persisted, database: "Test", to: path)
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp"))
        #expect(try ReplicaStore.load(from: path, configuration: Self.configuration()).rowCount == 6)
        #expect(throws: ReplicaStoreError.self) {
            try ReplicaStore.load(from: "\(directory.path)/missing", configuration: Self.configuration())
        }
    }
}
