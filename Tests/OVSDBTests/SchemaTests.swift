import Foundation
import Testing
@testable import OVSDB

@Suite struct SchemaTests {
    private static let example: JSON = [
        "name": "Example", "version": "1.2.3", "cksum": "12345 678",
        "tables": [
            "Parent": [
                "columns": [
                    "name": ["type": "string"],
                    "children": ["type": ["key": ["type": "uuid", "refTable": "Child"], "min": 0, "max": "unlimited"]],
                    "watchers": ["type": ["key": ["type": "uuid", "refTable": "Child", "refType": "weak"], "min": 0, "max": 4],
                                 "mutable": false],
                    "level": ["type": ["key": ["type": "integer", "minInteger": 0, "maxInteger": 7]], "ephemeral": true],
                    "ratio": ["type": ["key": ["type": "real", "minReal": -1, "maxReal": 1.5], "min": 0, "max": 1]],
                    "color": ["type": ["key": ["type": "string", "enum": ["set", ["red", "green", "blue"]]]]],
                    "tags": ["type": ["key": ["type": "string", "minLength": 1, "maxLength": 63],
                                      "value": "integer", "min": 0, "max": "unlimited"]],
                    "flag": ["type": "boolean"],
                ],
                "isRoot": true, "maxRows": 10, "indexes": [["name"], ["flag", "color"]],
            ],
            "Child": [
                "columns": ["pinned": ["type": ["key": ["type": "uuid", "refTable": "Parent"]], "ephemeral": true]],
                "mutable": false,
            ],
        ],
    ]

    @Test func columnsKeepFileOrderAfterUUIDAndVersion() throws {
        let schema = try DatabaseSchema(json: Self.example)
        let parent = try #require(schema.table(named: "Parent"))
        #expect(parent.columns.map(\.name) == ["_uuid", "_version", "name", "children", "watchers", "level",
                                               "ratio", "color", "tags", "flag"])
        #expect(parent.columns.map(\.index) == Array(0..<10))
        #expect(parent.columnIndex(named: "tags") == 8)
        #expect(parent.column(named: "_version")?.isEphemeral == true)
        #expect(parent.column(named: "_uuid")?.isMutable == false)
        #expect(parent.indexes == [[2], [9, 7]])
        #expect(parent.maxRows == 10)
        #expect(schema.tables.map(\.name) == ["Parent", "Child"])
        #expect(schema.version == "1.2.3" && schema.cksum == "12345 678")
    }

    @Test func everyConstraintIsRead() throws {
        let parent = try #require(try DatabaseSchema(json: Self.example).table(named: "Parent"))
        let level = try #require(parent.column(named: "level")).type.key
        #expect(level.minInteger == 0 && level.maxInteger == 7)
        let ratio = try #require(parent.column(named: "ratio")).type
        #expect(ratio.key.minReal == -1 && ratio.key.maxReal == 1.5 && ratio.isOptionalScalar)
        let color = try #require(parent.column(named: "color")).type.key
        let colors = try Datum(set: ["blue", "green", "red"].map { Atom.string($0) })
        #expect(color.enumeration == colors)
        let tags = try #require(parent.column(named: "tags")).type
        #expect(tags.isMap && tags.key.minLength == 1 && tags.key.maxLength == 63 && tags.max == ColumnType.unlimited)
        let watchers = try #require(parent.column(named: "watchers")).type
        #expect(watchers.key.isWeakReference && watchers.key.refTable == "Child" && watchers.max == 4)
        #expect(try #require(parent.column(named: "children")).type.key.isStrongReference)
    }

    @Test func weakReferencesAreAlwaysMutableAndStrongReferencesToNonRootTablesPersistent() throws {
        let schema = try DatabaseSchema(json: Self.example)
        #expect(schema.table(named: "Parent")?.column(named: "watchers")?.isMutable == true)
        #expect(schema.table(named: "Parent")?.column(named: "level")?.isEphemeral == true)
        // Child is not in the root set, so the reference to it may not be ephemeral;
        // Parent is, so a reference to it may.
        #expect(schema.table(named: "Child")?.column(named: "pinned")?.isEphemeral == true)
        #expect(schema.table(named: "Child")?.isRoot == false)
        var withEphemeralChildren = Self.example
        let children: JSON = ["type": ["key": ["type": "uuid", "refTable": "Child"]], "ephemeral": true]
        withEphemeralChildren = try Self.replacingColumn(in: withEphemeralChildren, "Parent", "children", with: children)
        let parent = try DatabaseSchema(json: withEphemeralChildren).table(named: "Parent")
        #expect(parent?.column(named: "children")?.isEphemeral == false)
    }

    @Test func withoutAnyRootTableEveryTableIsRoot() throws {
        let schema = try DatabaseSchema(json: ["name": "Old", "tables": ["A": ["columns": ["x": ["type": "integer"]]],
                                                                         "B": ["columns": ["y": ["type": "string"]]]]])
        #expect(schema.tables.allSatisfy { $0.isRoot })
        #expect(schema.json["tables"]?["A"]?["isRoot"] == nil)
    }

    @Test func schemaJSONRoundTripsAndOmitsDefaults() throws {
        let schema = try DatabaseSchema(json: Self.example)
        #expect(try DatabaseSchema(json: schema.json) == schema)
        let expectedChild: JSON = ["mutable": false,
                                   "columns": ["pinned": ["ephemeral": true, "type": ["key": ["type": "uuid", "refTable": "Parent"]]]]]
        #expect(schema.json["tables"]?["Child"] == expectedChild)
        #expect(schema.json["tables"]?["Parent"]?["isRoot"] == true)
        #expect(schema.json["tables"]?["Parent"]?["columns"]?["flag"] == ["type": "boolean"])
        #expect(schema.json["tables"]?["Parent"]?["columns"]?["ratio"]
            == ["type": ["key": ["type": "real", "minReal": -1.0, "maxReal": 1.5], "min": 0]])
    }

    @Test func englishTypeNamesMatchOVS() throws {
        let cases: [(JSON, String)] = [
            ("integer", "integer"),
            (["key": "string", "min": 0, "max": "unlimited"], "set of strings"),
            (["key": "string", "min": 0, "max": 4], "set of up to 4 strings"),
            (["key": "uuid", "min": 1, "max": 3], "set of 1 to 3 uuids"),
            (["key": "string", "value": "integer", "min": 1, "max": "unlimited"], "map of 1 or more (string, integer) pairs"),
            (["key": "real", "min": 0], "set of up to 1 reals"),
        ]
        for (json, english) in cases {
            #expect(try ColumnType(json: json).englishDescription == english)
        }
    }

    static func replacingColumn(in schema: JSON, _ table: String, _ column: String, with value: JSON) throws -> JSON {
        var root = try #require(schema.objectValue)
        var tables = try #require(root["tables"]?.objectValue)
        var tableObject = try #require(tables[table]?.objectValue)
        var columns = try #require(tableObject["columns"]?.objectValue)
        columns[column] = value
        tableObject["columns"] = .object(columns)
        tables[table] = .object(tableObject)
        root["tables"] = .object(tables)
        return .object(root)
    }
}
