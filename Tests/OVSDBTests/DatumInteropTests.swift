import Foundation
import Testing
@testable import OVSDB
import OVSTestSupport
import BenchmarkSupport

/// Datums against OVS 3.1 through `ovsdb-tool query` (which never writes the file):
/// OVS reads random rows and writes them back in its own order, and rejects bad values
/// with error objects that must equal ours.
@Suite struct DatumInteropTests {
    @Test func setsAndMapsComeBackInTheSameOrderAndForm() throws {
        let database = try ScratchDatabase(schema: KindsSchema.json)
        let table = try KindsSchema.table
        let columns = ["i", "r", "s", "u", "oi", "or", "os", "is", "rs", "bs", "ss", "us", "s3", "m", "mu", "mr", "m2"]
            .compactMap { table.column(named: $0) }
        var generator = SplitMix64(seed: 31)
        var operations: [JSON] = []
        var rows: [Row] = []
        for index in 0..<60 {
            var row = Row(table: table)
            var members = JSONObject()
            for column in columns {
                let datum = KindsSchema.datum(column.type, using: &generator)
                row[column.index] = datum
                // Send the elements shuffled, as a client may.
                members[column.name] = Self.shuffled(datum, column.type, using: &generator)
            }
            rows.append(row)
            operations.append(["op": "insert", "table": "K", "row": .object(members), "uuid-name": .string("r\(index)")])
            operations.append(["op": "select", "table": "K", "where": [["_uuid", "==", ["named-uuid", .string("r\(index)")]]],
                               "columns": .array(columns.map { .string($0.name) })])
        }
        let results = try database.query(operations)
        for (index, row) in rows.enumerated() {
            let returned = try #require(results[2 * index + 1]["rows"]?[0])
            for column in columns {
                let ours = row[column.index].json(type: column.type)
                #expect(returned[column.name] == Self.normalizingReals(ours), "\(column.name)")
            }
        }
    }

    /// `datum`'s JSON form with its elements in random order.
    private static func shuffled(_ datum: Datum, _ type: ColumnType, using generator: inout SplitMix64) -> JSON {
        let json = datum.json(type: type)
        guard case .array(let wrapper) = json, wrapper.count == 2, case .string(let tag) = wrapper[0],
              tag == "set" || tag == "map", case .array(let elements) = wrapper[1] else { return json }
        return [.string(tag), .array(elements.shuffled(using: &generator))]
    }

    /// OVS writes integral reals such as `1.0` as `1`, which reads back as an integer.
    private static func normalizingReals(_ json: JSON) -> JSON {
        switch json {
        case .real(let value): return (try? JSON(parsing: "[\(JSONSerializer.formatReal(value))]"))?[0] ?? json
        case .array(let elements): return .array(elements.map(normalizingReals))
        default: return json
        }
    }

    @Test(arguments: [
        #"{"i": 1.5}"#, #"{"i": "x"}"#, #"{"b": 1}"#, #"{"s": 5}"#, #"{"r": "0.5"}"#, #"{"i": ["set", [1, 2]]}"#,
        #"{"oi": ["set", [1, 2]]}"#, #"{"s3": ["set", []]}"#, #"{"s3": ["set", ["a", "b", "c", "d"]]}"#,
        #"{"ss": ["set", ["a", "b", "a"]]}"#, #"{"ss": ["set", "a"]}"#, #"{"ss": ["set", [1]]}"#,
        #"{"ss": ["list", ["a"]]}"#, #"{"m": ["map", [["a"]]]}"#, #"{"m": ["map", [["a", 1], ["a", 2]]]}"#,
        #"{"m": {"a": 1}}"#, #"{"m": ["set", [["a", 1]]]}"#, #"{"m": ["map", [["a", "b"]]]}"#,
        #"{"m2": ["map", [["a", "1"], ["b", "2"], ["c", "3"]]]}"#, #"{"u": ["uuid", "xyz"]}"#, #"{"u": ["uuid"]}"#,
        #"{"u": "12345678-9abc-4def-8123-456789abcdef"}"#, #"{"us": ["set", [["uuid", 5]]]}"#,
        #"{"e": "q"}"#, #"{"e": ["set", ["a", "zz"]]}"#, #"{"ri": 11}"#, #"{"ri": 0}"#, #"{"rmin": 4}"#,
        #"{"rmax": 6}"#, #"{"rr": 0.25}"#, #"{"rr": 3}"#, #"{"sl": "abcd"}"#, #"{"sl": "x"}"#,
        #"{"nope": 1}"#,
    ])
    func badValuesFailWithOVSErrorObjects(_ rowText: String) throws {
        let database = try ScratchDatabase(schema: KindsSchema.json)
        let row = try JSON(parsing: "[\(rowText)]")[0] ?? nil
        let results = try database.query([["op": "insert", "table": "K", "row": row]])
        let ovs = try #require(OVSDBError(json: results[0]), "OVS accepted \(rowText): \(results)")
        var ours = Row(table: try KindsSchema.table)
        #expect(throws: ovs) { try ours.update(json: row, table: try KindsSchema.table) }
    }
}
