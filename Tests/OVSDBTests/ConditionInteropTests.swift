import Foundation
import Testing
@testable import OVSDB
import OVSTestSupport
import BenchmarkSupport

/// Conditions against OVS 3.1: random conditions select exactly the rows OVS's `select`
/// selects, and bad conditions fail with OVS's error objects.
@Suite struct ConditionInteropTests {
    private static let columns = ["i", "r", "b", "s", "u", "oi", "or", "os", "is", "rs", "bs", "ss", "us", "s3",
                                  "m", "mu", "mr", "m2"]

    @Test func randomConditionsSelectTheRowsOVSSelects() throws {
        let database = try ScratchDatabase(schema: KindsSchema.json)
        let table = try KindsSchema.table
        let columns = try Self.columns.map { try #require(table.column(named: $0)) }
        var generator = SplitMix64(seed: 41)
        var rowsJSON: [JSON] = []
        for _ in 0..<40 {
            var members = JSONObject()
            for column in columns {
                members[column.name] = KindsSchema.datum(column.type, using: &generator).json(type: column.type)
            }
            rowsJSON.append(.object(members))
        }
        let inserted = try database.transact(rowsJSON.map { ["op": "insert", "table": "K", "row": $0] })
        var rows: [Row] = []
        for (result, json) in zip(inserted, rowsJSON) {
            let uuid = try #require(result["uuid"]?[1]?.stringValue.flatMap(OVSDBUUID.init))
            var row = Row(table: table, uuid: uuid)
            try row.update(json: json, table: table)
            rows.append(row)
        }
        let conditions = (0..<300).map { _ in Self.randomCondition(columns, rows: rows, using: &generator) }
        let results = try database.query(conditions.map { ["op": "select", "table": "K", "where": $0, "columns": ["_uuid"]] })
        for (json, result) in zip(conditions, results) {
            let selectedByOVS = try Set(#require(result["rows"]?.arrayValue, "\(json): \(result)").compactMap {
                $0["_uuid"]?[1]?.stringValue.flatMap(OVSDBUUID.init)
            })
            let condition = try Condition(json: try #require(json.arrayValue), table: table)
            let selectedByUs = Set(rows.filter { condition.matchesAll($0) }.map(\.uuid))
            #expect(selectedByUs == selectedByOVS, "\(json)")
        }
    }

    /// One to three clauses, each with a function valid for its column and a value of
    /// the type OVS relaxes the column's type to for that function.
    private static func randomCondition(_ columns: [ColumnSchema], rows: [Row], using generator: inout SplitMix64) -> JSON {
        var clauses: [JSON] = []
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            if Int.random(in: 0..<20, using: &generator) == 0 {
                clauses.append(.bool(Bool.random(using: &generator)))
                continue
            }
            let column = columns.randomElement(using: &generator) ?? columns[0]
            let type = column.type
            var functions: [ConditionFunction] = [.equal, .notEqual, .includes, .excludes]
            if (type.isScalar || type.isOptionalScalar) && (type.key.type == .integer || type.key.type == .real) {
                functions += [.lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual]
            }
            let function = functions.randomElement(using: &generator) ?? .equal
            let argumentType: ColumnType
            switch function {
            case .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual: argumentType = type.withSize(min: 1, max: 1)
            case .includes: argumentType = type.isScalar ? type : type.withSize(min: 0, max: type.max)
            case .excludes: argumentType = type.isScalar ? type : type.withSize(min: 0, max: ColumnType.unlimited)
            default: argumentType = type
            }
            // Half the time reuse a value some row has, so that equality matches too.
            let argument = Bool.random(using: &generator) && argumentType.conforms(rows[0][column.index])
                ? (rows.randomElement(using: &generator) ?? rows[0])[column.index]
                : KindsSchema.datum(argumentType, using: &generator)
            let value = argumentType.conforms(argument) ? argument : KindsSchema.datum(argumentType, using: &generator)
            clauses.append([.string(column.name), .string(function.rawValue), value.json(type: type)])
        }
        return .array(clauses)
    }

    @Test(arguments: [
        #"["nope", "==", 1]"#, #"["i", "~", 1]"#, #"["s", "<", "a"]"#, #"["ss", "<", "a"]"#, #"["b", ">=", true]"#,
        #"["i", "==", "x"]"#, #"["i"]"#, #"["i", "=="]"#, #"[1, "==", 1]"#, #""x""#, #"null"#, #"["i", "==", 1, 2]"#,
        #"["s3", "includes", ["set", ["a", "b", "c", "d"]]]"#, #"["s3", "==", ["set", []]]"#,
        #"["oi", "<", ["set", []]]"#, #"["e", "==", "zz"]"#, #"["m", "includes", ["map", [["a"]]]]"#,
        #"["is", "includes", ["set", [1, 1]]]"#,
    ])
    func badClausesFailWithOVSErrorObjects(_ clauseText: String) throws {
        let database = try ScratchDatabase(schema: KindsSchema.json)
        let clause = try JSON(parsing: "[\(clauseText)]")[0] ?? nil
        let results = try database.query([["op": "select", "table": "K", "where": [clause]]])
        let ovs = try #require(OVSDBError(json: results[0]), "OVS accepted \(clauseText): \(results)")
        #expect(throws: ovs) { try Condition(json: [clause], table: try KindsSchema.table) }
    }
}
