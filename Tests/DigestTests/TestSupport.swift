import Foundation
import OVSTestSupport
import IBLT
import OVSDB
@testable import Digest
import BenchmarkSupport

struct TestFailure: Error, CustomStringConvertible {
    var description: String
}

/// A schema with a column of every kind a key must encode: scalars, optionals, sets and
/// maps of each atomic type, a table name and column names outside ASCII.
enum TestSchema {
    static let json: JSON = [
        "name": "Digest",
        "version": "1.0.0",
        "tables": [
            "K": [
                "columns": AtomicKindColumns.json(adding: [
                    "mb": ["type": ["key": "boolean", "value": "boolean", "min": 1, "max": 1]],
                    "z_9": ["type": "string"],
                    "ref": ["type": ["key": ["type": "uuid", "refTable": "Port_Binding", "refType": "weak"], "min": 0, "max": "unlimited"]],
                ]),
            ],
            "Port_Binding": [
                "columns": ["name": ["type": "string"], "n": ["type": "integer"]],
            ],
        ],
    ]

    static var schema: DatabaseSchema {
        get throws { try DatabaseSchema(json: json) }
    }

    static func table(_ name: String) throws -> TableSchema {
        guard let table = try schema.table(named: name) else { throw TestFailure(description: "no table \(name)") }
        return table
    }

    /// The column types as the reference implementation reads them.
    static func referenceTables() throws -> JSON {
        var tables = JSONObject()
        for table in try schema.tables {
            var columns = JSONObject()
            for column in table.userColumns { columns[column.name] = column.type.json }
            tables[table.name] = .object(columns)
        }
        return .object(tables)
    }

    static let reals: [Double] = [0, -0.0, 0.1, -2.5, 1e15, 1e-7, 1.23456789012345678e17, 1.0 / 3.0, -1e300, 2.5e-300]
    static let strings = ["", "a", "B", "é", "e\u{301}", "\"q\\", "\u{1}\n", "Zé🙂"]

    /// A random atom of `type` from a small domain, so that values often coincide.
    static func atom(_ type: AtomicType, using generator: inout SplitMix64) -> Atom {
        switch type {
        case .integer: return .integer([0, 1, -1, .max, .min, 42].randomElement(using: &generator) ?? 0)
        case .real: return .real(reals.randomElement(using: &generator) ?? 0)
        case .boolean: return .boolean(Bool.random(using: &generator))
        case .string: return .string(strings.randomElement(using: &generator) ?? "")
        case .uuid: return .uuid(OVSDBUUID(high: generator.next() % 4, low: generator.next()))
        }
    }

    /// A random value for a column of `type` within its size bounds.
    static func datum(_ type: ColumnType, using generator: inout SplitMix64) -> Datum {
        let count = Int.random(in: type.min...min(type.max, 4), using: &generator)
        if let valueType = type.value {
            return Datum(uniquing: (0..<count).map { _ in
                (key: atom(type.key.type, using: &generator), value: atom(valueType.type, using: &generator))
            })
        }
        var datum = Datum(uniquing: (0..<count).map { _ in atom(type.key.type, using: &generator) })
        if datum.count < type.min { datum = Datum(atom(type.key.type, using: &generator)) }
        return datum
    }

    /// A row of `table` with random values in every user column.
    static func row(_ table: TableSchema, uuid: OVSDBUUID, using generator: inout SplitMix64) -> Row {
        var row = Row(table: table, uuid: uuid, version: OVSDBUUID(high: generator.next(), low: generator.next()))
        for column in table.userColumns { row[column.index] = datum(column.type, using: &generator) }
        return row
    }
}

/// Runs one of the independent Python reference implementations in `Reference/`.
enum ReferenceScript {
    /// Runs `Reference/<name>` with `input` on standard input; returns standard output.
    static func run(_ name: String, input: [UInt8]) throws -> String {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Reference/\(name)")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("digest-reference-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inputURL = scratch.appendingPathComponent("in")
        let outputURL = scratch.appendingPathComponent("out")
        try Data(input).write(to: inputURL)
        guard FileManager.default.createFile(atPath: outputURL.path, contents: nil) else {
            throw TestFailure(description: "cannot create \(outputURL.path)")
        }
        let process = try ChildProcess.spawn("/usr/bin/python3", [script.path], inputPath: inputURL.path,
                                             outputPath: outputURL.path)
        guard let status = process.waitForExitBlocking(timeout: .seconds(60)) else {
            process.killAndReap()
            throw TestFailure(description: "\(name) did not finish within 60 s")
        }
        guard status == 0 else {
            throw TestFailure(description: "\(name) exited with \(status)")
        }
        return try String(contentsOf: outputURL, encoding: .utf8)
    }
}

/// The row keys and encodings of `Reference/row_key.py`.
enum ReferenceRowKey {
    struct Output {
        var key: String
        var encoding: String
    }

    struct Input {
        var table: TableSchema
        var uuid: OVSDBUUID
        var columns: [Int]
        var row: Row
        var omittingDefaults = false
    }

    static func run(_ inputs: [Input]) throws -> [Output] {
        let rows: [JSON] = inputs.map { input in
            [
                "table": .string(input.table.name),
                "uuid": .string(input.uuid.description),
                "columns": .array(input.columns.map { .string(input.table.columns[$0].name) }),
                "row": input.row.json(table: input.table, columns: input.columns.filter { $0 > 1 },
                                      omittingDefaults: input.omittingDefaults),
            ]
        }
        let document: JSON = ["tables": try TestSchema.referenceTables(), "rows": .array(rows)]
        let text = try ReferenceScript.run("row_key.py", input: document.serialized())
        return text.split(separator: "\n").map { line in
            let parts = line.split(separator: " ")
            return Output(key: String(parts.first ?? ""), encoding: String(parts.last ?? ""))
        }
    }
}

/// The commitment root of `Reference/commitment.py`.
enum ReferenceCommitment {
    static func root(_ keys: [Key128]) throws -> String {
        let input = keys.map(\.description).joined(separator: "\n")
        return try ReferenceScript.run("commitment.py", input: Array(input.utf8)).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension Array where Element == UInt8 {
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
