import OVSDB

/// DigestSync's own test schema, "T": a column of every base type, enums, integer and
/// real ranges, string lengths, scalars, optionals, sets and maps with and without
/// size bounds, strong and weak references, a non-root table (garbage collection),
/// `maxRows`, single- and multi-column indexes, immutable and ephemeral columns.
enum TestSchema {
    static let json: JSON = [
        "name": "T",
        "version": "1.2.3",
        "tables": [
            "Root": [
                "columns": [
                    "name": ["type": "string"],
                    "i": ["type": ["key": ["type": "integer", "minInteger": -10, "maxInteger": 1000]]],
                    "bigi": ["type": "integer"],
                    "r": ["type": "real"],
                    "rr": ["type": ["key": ["type": "real", "minReal": -1.5, "maxReal": 2.5], "min": 0, "max": 1]],
                    "b": ["type": "boolean"],
                    "oi": ["type": ["key": ["type": "integer", "minInteger": 0], "min": 0, "max": 1]],
                    "si": ["type": ["key": "integer", "min": 0, "max": "unlimited"]],
                    "s3": ["type": ["key": "string", "min": 0, "max": 3]],
                    "s1n": ["type": ["key": "integer", "min": 1, "max": "unlimited"]],
                    "rs": ["type": ["key": "real", "min": 0, "max": "unlimited"]],
                    "m": ["type": ["key": "string", "value": "integer", "min": 0, "max": "unlimited"]],
                    "imm": ["type": "string", "mutable": false],
                    "eph": ["type": "string", "ephemeral": true],
                    "child": ["type": ["key": ["type": "uuid", "refTable": "Child"], "min": 0, "max": "unlimited"]],
                    "weak": ["type": ["key": ["type": "uuid", "refTable": "Root", "refType": "weak"], "min": 0, "max": "unlimited"]],
                    "u": ["type": "uuid"],
                ],
                "isRoot": true,
                "maxRows": 6,
                "indexes": [["name"]],
            ],
            "Child": [
                "columns": [
                    "n": ["type": "integer"],
                    "peer": ["type": ["key": ["type": "uuid", "refTable": "Child"], "min": 0, "max": 1]],
                ],
            ],
            "Other": [
                "columns": [
                    "k": ["type": "string"],
                    "v": ["type": "integer"],
                    "tags": ["type": ["key": "string", "value": "string", "min": 0, "max": 2]],
                    "mr": ["type": ["key": "integer", "value": "real", "min": 0, "max": "unlimited"]],
                ],
                "isRoot": true,
                "indexes": [["k", "v"]],
            ],
            "Enum": [
                "columns": [
                    "e": ["type": ["key": ["type": "string", "enum": ["set", ["a", "b", "c"]]]]],
                    "bits": ["type": ["key": ["type": "integer", "enum": ["set", [1, 2, 4]]], "min": 0, "max": "unlimited"]],
                    "x": ["type": "integer"],
                    "text": ["type": ["key": ["type": "string", "minLength": 2, "maxLength": 4], "min": 0, "max": 1]],
                ],
                "isRoot": true,
            ],
            "W1": [
                "columns": [
                    "w": ["type": ["key": ["type": "uuid", "refTable": "Child", "refType": "weak"]]],
                    "x": ["type": "integer"],
                    "wm": ["type": ["key": "string", "value": ["type": "uuid", "refTable": "Other", "refType": "weak"], "min": 0, "max": "unlimited"]],
                ],
                "isRoot": true,
            ],
            "Holder": [
                "columns": [
                    "kids": ["type": ["key": ["type": "uuid", "refTable": "Child"], "value": "string", "min": 0, "max": "unlimited"]],
                    "label": ["type": "string"],
                ],
                "isRoot": true,
                "maxRows": 3,
            ],
        ],
    ]

    static var schema: DatabaseSchema {
        get throws { try DatabaseSchema(json: json) }
    }
}
