import OVSDB

/// Columns of every atomic type as a scalar, a 0..1 optional, an unlimited set, and maps
/// of several key and value types: the common core of the test schemas that must cover
/// every kind of value (the engine's and the digest's).
public enum AtomicKindColumns {
    /// The columns, then `extra` after them (replacing any of the same name).
    public static func json(adding extra: JSONObject = [:]) -> JSON {
        var columns: JSONObject = [
            "i": ["type": "integer"], "r": ["type": "real"], "b": ["type": "boolean"],
            "s": ["type": "string"], "u": ["type": "uuid"],
            "oi": ["type": ["key": "integer", "min": 0, "max": 1]],
            "or": ["type": ["key": "real", "min": 0, "max": 1]],
            "is": ["type": ["key": "integer", "min": 0, "max": "unlimited"]],
            "rs": ["type": ["key": "real", "min": 0, "max": "unlimited"]],
            "bs": ["type": ["key": "boolean", "min": 0, "max": "unlimited"]],
            "ss": ["type": ["key": "string", "min": 0, "max": "unlimited"]],
            "us": ["type": ["key": "uuid", "min": 0, "max": "unlimited"]],
            "m": ["type": ["key": "string", "value": "integer", "min": 0, "max": "unlimited"]],
            "mu": ["type": ["key": "uuid", "value": "string", "min": 0, "max": "unlimited"]],
            "mr": ["type": ["key": "integer", "value": "real", "min": 0, "max": "unlimited"]],
        ]
        for (name, value) in extra {
            columns.updateValue(value, forKey: name)
        }
        return .object(columns)
    }
}
