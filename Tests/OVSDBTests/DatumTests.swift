import Testing
@testable import OVSDB
import BenchmarkSupport

@Suite struct DatumTests {
    private func type(_ column: String) throws -> ColumnType {
        try #require(try KindsSchema.table.column(named: column)).type
    }

    @Test func atomsOrderAsOVSDoes() {
        #expect(Atom.string("Z") < .string("a"))
        #expect(Atom.string("e\u{301}") < .string("é"))
        #expect(Atom.string("é") != .string("e\u{301}"))
        #expect(Atom.string("a") < .string("ab"))
        #expect(Atom.boolean(false) < .boolean(true))
        #expect(Atom.integer(-5) < .integer(3))
        #expect(Atom.real(-0.0) == .real(0))
        #expect(Atom.uuid(KindsSchema.uuids[2]) < .uuid(KindsSchema.uuids[3]))
        #expect(Set([Atom.string("é"), .string("e\u{301}")]).count == 2)
    }

    @Test func setsAreSortedAndDuplicatesRejected() throws {
        let set = try Datum(set: [.string("b"), .string("a"), .string("Z")])
        #expect(Array(set.keys) == [.string("Z"), .string("a"), .string("b")])
        #expect(throws: OVSDBError(.ovsdbError, "set contains duplicate")) {
            try Datum(set: [.integer(1), .integer(2), .integer(1)])
        }
        #expect(throws: OVSDBError(.ovsdbError, "map contains duplicate key")) {
            try Datum(map: [(.string("a"), .integer(1)), (.string("a"), .integer(2))])
        }
        #expect(Datum(uniquing: [(key: .string("a"), value: .integer(2)), (key: .string("a"), value: .integer(1))])
            == (try Datum(map: [(.string("a"), .integer(1))])))
    }

    @Test func jsonFormsFollowTheColumnType() throws {
        let single = try Datum(json: "x", type: try type("ss"))
        #expect(single.json(type: try type("ss")) == "x")
        let several = try Datum(json: ["set", ["b", "a"]], type: try type("ss"))
        #expect(several.json(type: try type("ss")) == ["set", ["a", "b"]])
        #expect(Datum.empty.json(type: try type("ss")) == ["set", []])
        #expect(Datum.empty.json(type: try type("m")) == ["map", []])
        let map = try Datum(json: ["map", [["b", 1], ["a", 2]]], type: try type("m"))
        #expect(map.json(type: try type("m")) == ["map", [["a", 2], ["b", 1]]])
        #expect(try Datum(json: ["set", [5]], type: try type("i")) == Datum(.integer(5)))
        let uuid = try Datum(json: ["uuid", "12345678-9ABC-4DEF-8123-456789ABCDEF"], type: try type("u"))
        #expect(uuid.json(type: try type("u")) == ["uuid", "12345678-9abc-4def-8123-456789abcdef"])
    }

    @Test func appendJSONWritesTheSameBytesAsSerializingJSON() throws {
        var generator = SplitMix64(seed: 3)
        let table = try KindsSchema.table
        for column in table.userColumns {
            for _ in 0..<20 {
                let datum = KindsSchema.datum(column.type, using: &generator)
                var direct: [UInt8] = []
                datum.appendJSON(type: column.type, to: &direct)
                #expect(direct == datum.json(type: column.type).serialized())
                let reparsed = try JSON(parsing: "[" + String(decoding: direct, as: UTF8.self) + "]")[0] ?? nil
                #expect(try Datum(json: reparsed, type: column.type.unconstrained) == datum)
            }
        }
    }

    @Test func defaultsDependOnTheMinimumSize() throws {
        #expect(Datum.defaultValue(for: try type("i")) == Datum(.integer(0)))
        #expect(Datum.defaultValue(for: try type("s3")) == Datum(.string("")))
        #expect(Datum.defaultValue(for: try type("u")) == Datum(.uuid(.zero)))
        #expect(Datum.defaultValue(for: try type("ss")).isEmpty)
        #expect(Datum.defaultValue(for: try type("i")).isDefault(for: try type("i")))
        #expect(!Datum(.integer(1)).isDefault(for: try type("i")))
        #expect(!Datum(.integer(0)).isDefault(for: try type("oi")))
        let pair = ColumnType(key: BaseType(.string), value: BaseType(.integer))
        #expect(Datum.defaultValue(for: pair) == (try Datum(map: [(.string(""), .integer(0))])))
    }

    @Test func constraintMessagesMatchOVS() throws {
        let table = try KindsSchema.table
        func failure(_ column: String, _ json: JSON) throws -> String? {
            let columnType = try #require(table.column(named: column)).type
            do {
                _ = try Datum(json: json, type: columnType)
                return nil
            } catch {
                return error.details
            }
        }
        #expect(try failure("e", "q") == #"q is not one of the allowed values ([a, "b c", "x\"y"])"#)
        #expect(try failure("ri", 11) == "11 is not in the valid range 1 to 10 (inclusive)")
        #expect(try failure("rmin", 4) == "4 is less than minimum allowed value 5")
        #expect(try failure("rmax", 6) == "6 is greater than maximum allowed value 5")
        #expect(try failure("rr", 0.25) == "0.25 is not in the valid range 0.5 to 2.25 (inclusive)")
        #expect(try failure("sl", "abcd") == #""abcd" length 4 is greater than maximum allowed length 3"#)
        #expect(try failure("sl", "é") == #""é" length 1 is less than minimum allowed length 2"#)
        #expect(try failure("sl", "éé") == nil)
    }

    @Test func textFormMatchesOVSToString() throws {
        let strings = try Datum(set: ["a", "b c", "", "true", "12345678-9abc-4def-8123-456789abcdef", "x.y-z_1"].map { Atom.string($0) })
        #expect(strings.text(type: try type("ss"))
            == #"["", "12345678-9abc-4def-8123-456789abcdef", a, "b c", "true", x.y-z_1]"#)
        let map = try Datum(map: [(.string("k"), .integer(-1))])
        #expect(map.text(type: try type("m")) == "{k=-1}")
        #expect(Datum(.real(0.1)).text(type: try type("r")) == "0.1")
        #expect(Datum.empty.text(type: try type("oi")) == "[]")
    }

    @Test func uuidTextParsesAndFormatsCanonically() throws {
        let text = "550e8400-e29b-41d4-a716-446655440000"
        let uuid = try #require(OVSDBUUID(text))
        #expect(uuid.description == text)
        #expect(OVSDBUUID(text.uppercased()) == uuid)
        for bad in ["", "550e8400e29b41d4a716446655440000", "550e8400-e29b-41d4-a716-44665544000g",
                    "550e8400-e29b-41d4-a716-4466554400000", "550e8400-e29b-41d4a-716-446655440000"] {
            #expect(OVSDBUUID(bad) == nil, "\(bad)")
        }
        var generator = SplitMix64(seed: 11)
        for _ in 0..<100 {
            let random = OVSDBUUID.random(using: &generator)
            let canonical = random.description
            #expect(OVSDBUUID(canonical) == random)
            let characters = Array(canonical)
            #expect(characters[14] == "4" && "89ab".contains(characters[19]))
        }
        #expect(OVSDBUUID.random() != OVSDBUUID.random())
    }

    @Test func uuidOrderIsTheOrderOfTheirText() {
        var generator = SplitMix64(seed: 12)
        let uuids = (0..<200).map { _ in OVSDBUUID(high: generator.next(), low: generator.next()) }
        #expect(uuids.sorted().map(\.description) == uuids.map(\.description).sorted())
    }
}
