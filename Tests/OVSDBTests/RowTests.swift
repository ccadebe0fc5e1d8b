import Testing
@testable import OVSDB

@Suite struct RowTests {
    @Test func newRowsHoldDefaultsAndTheirIdentity() throws {
        let table = try KindsSchema.table
        let uuid = try #require(OVSDBUUID("12345678-9abc-4def-8123-456789abcdef"))
        let row = Row(table: table, uuid: uuid)
        #expect(row.values.count == table.columns.count)
        #expect(row.uuid == uuid && row.version == .zero)
        #expect(row[try #require(table.columnIndex(named: "i"))] == Datum(.integer(0)))
        #expect(row[try #require(table.columnIndex(named: "ss"))].isEmpty)
        var copy = row
        copy.version = uuid
        #expect(copy.version == uuid && row.version == .zero)
    }

    @Test func updatingFromJSONSetsTheNamedColumnsInOrder() throws {
        let table = try KindsSchema.table
        var row = Row(table: table)
        let updated = try row.update(json: ["s": "x", "i": 5, "m": ["map", [["k", 1]]]], table: table)
        #expect(updated.map { table.columns[$0].name } == ["s", "i", "m"])
        #expect(row[try #require(table.columnIndex(named: "i"))] == Datum(.integer(5)))
    }

    @Test func updatingRejectsNonObjectsAndUnknownColumns() throws {
        let table = try KindsSchema.table
        var row = Row(table: table)
        #expect(throws: OVSDBError(.syntaxError, "row must be JSON object", syntax: "[1]")) {
            try row.update(json: [1], table: table)
        }
        #expect(throws: OVSDBError(.unknownColumn, "No column zz in table K.", syntax: #"{"i":1,"zz":2}"#)) {
            try row.update(json: ["zz": 2, "i": 1], table: table)
        }
    }

    @Test func namedUUIDsResolveThroughTheSymbolTableAndRecordReferenceKinds() throws {
        let table = try KindsSchema.table
        let symbols = SymbolTable()
        var row = Row(table: table)
        try row.update(json: ["ref": ["named-uuid", "other"], "u": ["named-uuid", "plain"]], table: table, resolver: symbols)
        let other = try #require(symbols["other"])
        #expect(row[try #require(table.columnIndex(named: "ref"))] == Datum(.uuid(other.uuid)))
        #expect(other.weakReference && !other.strongReference && !other.created)
        #expect(symbols["plain"]?.weakReference == false && symbols["plain"]?.strongReference == false)
        #expect(symbols.define("mine", as: .zero, created: true))
        #expect(!symbols.define("mine", as: .zero, created: true))
        #expect(throws: OVSDBError(.syntaxError, #"expected ["uuid", <string>]"#, syntax: #"["named-uuid","other"]"#)) {
            try row.update(json: ["u": ["named-uuid", "other"]], table: table)
        }
        #expect(throws: OVSDBError(.syntaxError, "named-uuid string is not a valid <id>", syntax: #"["named-uuid","1x"]"#)) {
            try row.update(json: ["u": ["named-uuid", "1x"]], table: table, resolver: symbols)
        }
    }

    @Test func jsonListsTheRequestedColumnsAndCanOmitDefaults() throws {
        let table = try KindsSchema.table
        var row = Row(table: table, uuid: KindsSchema.uuids[4])
        try row.update(json: ["s": "x", "ss": ["set", ["a", "b"]]], table: table)
        let names = ["_uuid", "i", "s", "ss", "m"]
        let indexes = try names.map { try #require(table.columnIndex(named: $0)) }
        let full: JSON = ["_uuid": ["uuid", "12345678-9abc-4def-8123-456789abcdef"], "i": 0, "s": "x",
                          "ss": ["set", ["a", "b"]], "m": ["map", []]]
        #expect(row.json(table: table, columns: indexes) == full)
        #expect(row.json(table: table, columns: indexes, omittingDefaults: true)
            == ["_uuid": ["uuid", "12345678-9abc-4def-8123-456789abcdef"], "s": "x", "ss": ["set", ["a", "b"]]])
        var bytes: [UInt8] = []
        row.appendJSON(table: table, columns: indexes, omittingDefaults: true, to: &bytes)
        #expect(bytes == row.json(table: table, columns: indexes, omittingDefaults: true).serialized())
        #expect(row.json(table: table, columns: indexes).serializedString()
            == #"{"_uuid":["uuid","12345678-9abc-4def-8123-456789abcdef"],"i":0,"s":"x","ss":["set",["a","b"]],"m":["map",[]]}"#)
    }
}
