import OVSDB
import OVSTestSupport

/// The schema of the SyncClient tests (server-client.md's "Test" schema plus a third
/// table): scalars of every type, an optional, sets and maps, weak references; every
/// table is in the root set, so ovsdb-server keeps every row the tests insert.
enum TestSchema {
    static let json: JSON = [
        "name": "Test",
        "version": "1.0.0",
        "tables": [
            "Simple": [
                "columns": ServerTestSchema.simpleColumns,
                "isRoot": true,
            ],
            "Child": [
                "columns": ["k": ["type": "integer"], "tag": ["type": "string"]],
                "isRoot": true,
            ],
            "Tagged": [
                "columns": [
                    "key": ["type": "string"],
                    "n": ["type": "integer"],
                    "labels": ["type": ["key": "string", "value": "integer", "min": 0, "max": "unlimited"]],
                ],
                "isRoot": true,
            ],
        ],
    ]

    /// The schema, parsed.
    static var schema: DatabaseSchema {
        get throws { try DatabaseSchema(json: json) }
    }

    /// The schema with one more column in `Child` (a server upgraded between runs).
    static var upgradedJSON: JSON {
        var tables = json["tables"]?.objectValue ?? [:]
        var child = tables["Child"]?.objectValue ?? [:]
        var columns = child["columns"]?.objectValue ?? [:]
        columns["extra"] = ["type": "string"]
        child["columns"] = .object(columns)
        tables["Child"] = .object(child)
        var schema = json.objectValue ?? [:]
        schema["tables"] = .object(tables)
        return .object(schema)
    }

    /// Writes `schema` to `directory` and returns the file's path.
    static func write(_ schema: JSON = json, in directory: TemporaryDirectory) throws -> String {
        try directory.write(schema.description, to: "test.ovsschema")
    }
}
