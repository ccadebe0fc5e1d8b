@testable import OVSDB
import OVSTestSupport

/// A schema with a column of every kind the tests need: scalars, optionals, sets and
/// maps of each atomic type, and constrained base types.
enum KindsSchema {
    static let json: JSON = [
        "name": "Kinds",
        "tables": [
            "K": [
                "columns": AtomicKindColumns.json(adding: [
                    "os": ["type": ["key": "string", "min": 0, "max": 1]],
                    "s3": ["type": ["key": "string", "min": 1, "max": 3]],
                    "m2": ["type": ["key": "string", "value": "string", "min": 0, "max": 2]],
                    "e": ["type": ["key": ["type": "string", "enum": ["set", ["a", "b c", "x\"y"]]], "min": 0, "max": 1]],
                    "ri": ["type": ["key": ["type": "integer", "minInteger": 1, "maxInteger": 10], "min": 0, "max": 1]],
                    "rmin": ["type": ["key": ["type": "integer", "minInteger": 5], "min": 0, "max": 1]],
                    "rmax": ["type": ["key": ["type": "integer", "maxInteger": 5], "min": 0, "max": 1]],
                    "rr": ["type": ["key": ["type": "real", "minReal": 0.5, "maxReal": 2.25], "min": 0, "max": 1]],
                    "sl": ["type": ["key": ["type": "string", "minLength": 2, "maxLength": 3], "min": 0, "max": 1]],
                    "ref": ["type": ["key": ["type": "uuid", "refTable": "K", "refType": "weak"], "min": 0, "max": "unlimited"]],
                ]),
                "isRoot": true,
            ],
        ],
    ]

    static var schema: DatabaseSchema {
        get throws { try DatabaseSchema(json: json) }
    }

    static var table: TableSchema {
        get throws {
            guard let table = try schema.table(named: "K") else { throw ToolFailure(description: "no table K") }
            return table
        }
    }

    /// A random atom of `type` from a small domain, so that values often coincide.
    static func atom(_ type: AtomicType, using generator: inout some RandomNumberGenerator) -> Atom {
        switch type {
        case .integer: return .integer(Int64.random(in: -3...3, using: &generator))
        case .real: return .real([-2.5, -1, 0, 0.1, 0.5, 1, 2.25, 1e15].randomElement(using: &generator) ?? 0)
        case .boolean: return .boolean(Bool.random(using: &generator))
        case .string: return .string(["", "a", "B", "b", "é", "e\u{301}", "é1", "Z", "\"q\""].randomElement(using: &generator) ?? "")
        case .uuid: return .uuid(uuids.randomElement(using: &generator) ?? .zero)
        }
    }

    static let uuids: [OVSDBUUID] = [
        "00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000001",
        "0000000f-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
        "12345678-9abc-4def-8123-456789abcdef", "80000000-0000-0000-0000-000000000000",
    ].compactMap { OVSDBUUID($0) }

    /// A random value for a column of `type` that respects its size bounds.
    static func datum(_ type: ColumnType, using generator: inout some RandomNumberGenerator) -> Datum {
        let count = Int.random(in: type.min...min(type.max, 5), using: &generator)
        if let valueType = type.value {
            let pairs = (0..<count).map { _ in
                (key: atom(type.key.type, using: &generator), value: atom(valueType.type, using: &generator))
            }
            return Datum(uniquing: pairs)
        }
        var datum = Datum(uniquing: (0..<count).map { _ in atom(type.key.type, using: &generator) })
        if datum.count < type.min {
            datum = Datum(atom(type.key.type, using: &generator))
        }
        return datum
    }
}
