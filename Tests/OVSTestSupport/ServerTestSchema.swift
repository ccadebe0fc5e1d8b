import OVSDB

/// The schema of the captures in the server notes (`Test` 1.0.0), used by the server's
/// unit and interop tests, every table root:
/// `Simple` with a column of each kind the update formats treat differently (scalars,
/// a 0..1 optional, a set, a map, a weak reference set) and an index on `name`, and
/// `Child`.
public enum ServerTestSchema {
    /// The columns of `Simple`, shared with schemas that extend this one.
    public static let simpleColumns: JSON = [
        "name": ["type": "string"],
        "i": ["type": "integer"],
        "b": ["type": "boolean"],
        "r": ["type": "real"],
        "s": ["type": ["key": "string", "min": 0, "max": "unlimited"]],
        "m": ["type": ["key": "string", "value": "string", "min": 0, "max": "unlimited"]],
        "opt": ["type": ["key": "integer", "min": 0, "max": 1]],
        "ref": ["type": ["key": ["type": "uuid", "refTable": "Child", "refType": "weak"], "min": 0, "max": "unlimited"]],
    ]

    /// The schema.
    public static let json: JSON = [
        "name": "Test",
        "version": "1.0.0",
        "tables": [
            "Simple": [
                "columns": simpleColumns,
                "indexes": [["name"]],
            ],
            "Child": [
                "columns": [
                    "k": ["type": "integer"],
                    "tag": ["type": "string"],
                ],
            ],
        ],
    ]
}
