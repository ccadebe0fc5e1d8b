import IBLT
import OVSDB
import Testing
@testable import Digest
import BenchmarkSupport

/// The canonical row encoding and its key, pinned against the independent Python
/// reference (`Reference/row_key.py`), which both the server and the client must match.
@Suite struct RowKeyEncoderTests {
    /// One fixed vector: a row given as JSON, the columns keyed, and the key the Python
    /// reference computed for it (committed here so a change of the encoding shows).
    struct Vector {
        var table: String
        var uuid: String
        var columns: [String]
        var row: String
        var key: String
        var encodingLength: Int
    }

    static let allColumns = ["i", "r", "b", "s", "u", "oi", "or", "is", "rs", "bs", "ss", "us", "m", "mu", "mr", "mb", "z_9", "ref"]

    /// Keys computed by `python3 Reference/row_key.py` on the same rows.
    static let vectors: [Vector] = [
        Vector(table: "Port_Binding", uuid: "00000000-0000-0000-0000-000000000000", columns: [], row: "{}",
               key: "aba8f3adeb6748fe7929af8c21d79688", encodingLength: 41),
        Vector(table: "Port_Binding", uuid: "12345678-9abc-4def-8123-456789abcdef", columns: ["name", "n"],
               row: #"{"name":"br-int","n":-7}"#, key: "bd23b536d79995c2c457460baeedebfc", encodingLength: 84),
        Vector(table: "K", uuid: "ffffffff-ffff-ffff-ffff-ffffffffffff", columns: allColumns + ["_version"], row: "{}",
               key: "02473cf299cb7cf8d4d52b7daab7af12", encodingLength: 272),
        Vector(table: "K", uuid: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f0", columns: allColumns,
               row: #"""
               {"i":-9223372036854775808,"r":0,"b":true,"s":"e\u0301 \"x\"\n","u":["uuid","00000000-0000-0000-0000-000000000001"],
                "oi":9223372036854775807,"or":1e-07,"is":["set",[3,-1,2]],"rs":["set",[1.23456789012346e+17,0.1,-2.5]],
                "bs":["set",[true,false]],"ss":["set",["é","B","a",""]],
                "us":["set",[["uuid","80000000-0000-0000-0000-000000000000"],["uuid","00000000-0000-0000-0000-00000000000f"]]],
                "m":["map",[["b",2],["a",1]]],"mu":["map",[[["uuid","00000000-0000-0000-0000-000000000002"],"two"]]],
                "mr":["map",[[2,0.333333333333333],[1,1e+300]]],"mb":["map",[[true,false]]],"z_9":"🙂","ref":["set",[]]}
               """#, key: "bfc680ede0d6da6a07fe7ac5a4e8db2e", encodingLength: 540),
        Vector(table: "K", uuid: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f0", columns: ["rs", "s"],
               row: #"{"s":"e\u0301 \"x\"\n","rs":["set",[1.23456789012346e+17,0.1,-2.5]]}"#,
               key: "1c44e3ed0d1f6bd80ce071ab2712f281", encodingLength: 106),
    ]

    private static func encoderAndRow(_ vector: Vector) throws -> (RowKeyEncoder, OVSDBUUID, Row) {
        let table = try TestSchema.table(vector.table)
        let uuid = try #require(OVSDBUUID(vector.uuid))
        var row = Row(table: table, uuid: uuid, version: OVSDBUUID(high: 1, low: 2))
        try row.update(json: try JSON(parsing: vector.row), table: table)
        let columns = try vector.columns.map { try #require(table.columnIndex(named: $0)) }
        return (try RowKeyEncoder(table: table, columns: columns), uuid, row)
    }

    @Test func fixedVectorsMatchTheReferenceImplementation() throws {
        for vector in Self.vectors {
            var (encoder, uuid, row) = try Self.encoderAndRow(vector)
            #expect(encoder.key(uuid: uuid, row: row).description == vector.key, "\(vector.row)")
            #expect(encoder.encoding(uuid: uuid, row: row).count == vector.encodingLength)
        }
    }

    @Test func negativeZeroIsHashedAsZero() throws {
        var (encoder, uuid, row) = try Self.encoderAndRow(Self.vectors[3])
        let column = try #require(encoder.table.columnIndex(named: "r"))
        row[column] = Datum(.real(-0.0))
        #expect(encoder.key(uuid: uuid, row: row).description == Self.vectors[3].key)
    }

    @Test func randomRowsMatchTheReferenceImplementation() throws {
        var generator = SplitMix64(seed: 5)
        var inputs: [ReferenceRowKey.Input] = []
        for round in 0..<400 {
            let table = try TestSchema.table(round % 5 == 0 ? "Port_Binding" : "K")
            let uuid = OVSDBUUID.random(using: &generator)
            let columns = table.columns.indices.filter { _ in Int.random(in: 0..<4, using: &generator) > 0 }.shuffled(using: &generator)
            inputs.append(ReferenceRowKey.Input(table: table, uuid: uuid, columns: columns,
                                                row: TestSchema.row(table, uuid: uuid, using: &generator),
                                                omittingDefaults: Bool.random(using: &generator)))
        }
        let expected = try ReferenceRowKey.run(inputs)
        try #require(expected.count == inputs.count)
        for (input, reference) in zip(inputs, expected) {
            var encoder = try RowKeyEncoder(table: input.table, columns: input.columns)
            #expect(encoder.encoding(uuid: input.uuid, row: input.row).hex == reference.encoding)
            #expect(encoder.key(uuid: input.uuid, row: input.row).description == reference.key)
        }
    }

    @Test func versionUnmonitoredColumnsAndColumnOrderDoNotChangeTheKey() throws {
        let table = try TestSchema.table("K")
        var generator = SplitMix64(seed: 9)
        let uuid = OVSDBUUID.random(using: &generator)
        var row = TestSchema.row(table, uuid: uuid, using: &generator)
        let hashed = try ["s", "m", "rs"].map { try #require(table.columnIndex(named: $0)) }
        var encoder = try RowKeyEncoder(table: table, columns: hashed + [TableSchema.versionColumn, TableSchema.uuidColumn])
        var reordered = try RowKeyEncoder(table: table, columns: hashed.reversed())
        #expect(encoder.columns == reordered.columns)
        let key = encoder.key(uuid: uuid, row: row)
        #expect(reordered.key(uuid: uuid, row: row) == key)
        row.version = OVSDBUUID.random(using: &generator)
        row[try #require(table.columnIndex(named: "i"))] = Datum(.integer(12345))
        #expect(encoder.key(uuid: uuid, row: row) == key)
    }

    @Test func everyHashedValueAndTheUUIDChangeTheKey() throws {
        let table = try TestSchema.table("K")
        var generator = SplitMix64(seed: 10)
        let uuid = OVSDBUUID.random(using: &generator)
        let row = TestSchema.row(table, uuid: uuid, using: &generator)
        var encoder = try RowKeyEncoder(table: table, columns: Array(table.columns.indices))
        let key = encoder.key(uuid: uuid, row: row)
        #expect(encoder.key(uuid: OVSDBUUID(high: uuid.high, low: uuid.low ^ 1), row: row) != key)
        for column in table.userColumns {
            var changed = row
            var value = row[column.index]
            while value == row[column.index] { value = TestSchema.datum(column.type, using: &generator) }
            changed[column.index] = value
            #expect(encoder.key(uuid: uuid, row: changed) != key, "\(column.name)")
            #expect(!encoder.hashedColumnsEqual(row, changed))
        }
    }

    @Test func badColumnListsAreTypedErrors() throws {
        let table = try TestSchema.table("Port_Binding")
        #expect(throws: DigestError.unknownColumn(table: "Port_Binding", column: "#99")) {
            try RowKeyEncoder(table: table, columns: [2, 99])
        }
        #expect(throws: DigestError.duplicateColumn(table: "Port_Binding", column: "name")) {
            try RowKeyEncoder(table: table, columns: [2, 3, 2])
        }
    }
}
