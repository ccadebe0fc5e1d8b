import BenchmarkSupport
@testable import OVSDB

/// Generates random `transact` requests for a schema, reproducibly from a seed: every
/// operation (insert with and without explicit UUIDs and uuid-names, select, update,
/// mutate with every mutator that fits each column, delete, wait, commit, abort,
/// comment, assert), valid and invalid, with at most one deliberate error per
/// operation so that both implementations must report the same one.
///
/// Kept out, because OVS 3.1.0 is wrong there and DigestSync follows fixed OVS (see the
/// README's list of differences):
/// - `update` of sets and maps with a finite `max` above 1, and more than one mutation
///   of such a column per transaction: OVS 3.1.0 can write a diff larger than `max`
///   that it cannot read back;
/// - arithmetic on `min: 1` sets, which could leave them at their default value, where
///   OVS 3.1.0 misreads the next diff; such columns are always set explicitly;
/// - `*=` by 0 (OVS dies of SIGFPE for a negative value) and by values whose overflow
///   OVS misjudges (only -2, -1, 2, 3 are used);
/// - `named-uuid`s that no insert defines (OVS stores a random UUID; DigestSync rejects
///   them as RFC 7047 requires); every name used here is inserted earlier.
struct TransactionGenerator {
    var values: ValueGenerator
    private var schema: DatabaseSchema { values.schema }

    init(schema: DatabaseSchema, seed: UInt64, poolSize: Int = 6) {
        values = ValueGenerator(schema: schema, seed: seed, poolSize: poolSize)
    }

    /// Per transaction: uuid-names inserted so far, by table, and bounded composite
    /// columns already mutated.
    private struct Scope {
        var names: [String: [String]] = [:]
        var nextName = 0
        var boundedMutated = Set<String>()
    }

    /// The params of one `transact` request.
    mutating func transaction() -> JSON {
        var scope = Scope()
        var operations: [JSON] = [.string(schema.name)]
        for _ in 0..<Int.random(in: 1...4, using: &values.random) {
            operations.append(operation(&scope))
        }
        return .array(operations)
    }

    private mutating func operation(_ scope: inout Scope) -> JSON {
        let table = values.pick(schema.tables)
        let roll = Double.random(in: 0..<1, using: &values.random)
        var operation: JSONObject
        switch roll {
        case ..<0.36: operation = insert(table, &scope)
        case ..<0.48: operation = update(table, &scope)
        case ..<0.64: operation = mutate(table, &scope)
        case ..<0.72: operation = ["op": "delete", "table": .string(table.name), "where": values.condition(table, names: scope.names)]
        case ..<0.82: operation = select(table, &scope)
        case ..<0.87: operation = wait(table, &scope)
        case ..<0.92: operation = control()
        default: return invalid(table, &scope)
        }
        return .object(operation)
    }

    private mutating func insert(_ table: TableSchema, _ scope: inout Scope) -> JSONObject {
        var row = JSONObject()
        for column in table.userColumns {
            let needed = column.type.min == 1 && column.type.isComposite
                || (try? Self.checkDefault(column)) == nil
            if needed || values.chance(0.5) {
                row[column.name] = values.datum(column.type, names: scope.names)
            }
        }
        var operation: JSONObject = ["op": "insert", "table": .string(table.name), "row": .object(row)]
        let explicit = values.chance(0.85)
        if explicit {
            operation["uuid"] = .string(values.poolUUID(table.name).description)
        }
        if !explicit || values.chance(0.4) {
            let name = "n\(scope.nextName)"
            scope.nextName += 1
            operation["uuid-name"] = .string(name)
            scope.names[table.name, default: []].append(name)
        }
        return operation
    }

    /// Throws if the default value of `column` violates its constraints (then inserts
    /// must set it, or fail).
    private static func checkDefault(_ column: ColumnSchema) throws(OVSDBError) {
        let datum = Datum.defaultValue(for: column.type)
        for index in 0..<datum.count {
            try datum[index].key.checkConstraints(column.type.key)
            if let value = datum[index].value, let valueType = column.type.value { try value.checkConstraints(valueType) }
        }
    }

    private mutating func update(_ table: TableSchema, _ scope: inout Scope) -> JSONObject {
        var row = JSONObject()
        let columns = table.userColumns.filter { !Self.isBoundedComposite($0.type) && $0.isMutable }
        for column in columns where values.chance(0.35) {
            row[column.name] = values.datum(column.type, names: scope.names)
        }
        return ["op": "update", "table": .string(table.name), "where": values.condition(table, names: scope.names), "row": .object(row)]
    }

    private static func isBoundedComposite(_ type: ColumnType) -> Bool {
        type.isComposite && type.max != ColumnType.unlimited
    }

    /// OVS mutates the matching rows in hash order and reports the first failing row's
    /// error, so when several rows match, two mutations that fail differently (say a set
    /// overflowing its maximum and `%= 0`) make the reported tag depend on row order. Such
    /// operations get one mutation unless their condition pins a single row by `_uuid`.
    private mutating func mutate(_ table: TableSchema, _ scope: inout Scope) -> JSONObject {
        let condition = values.condition(table, names: scope.names)
        let pinsOneRow = (condition.arrayValue ?? []).contains { clause in
            clause[0] == "_uuid" && clause[1] == "=="
        }
        var mutations: [JSON] = []
        for _ in 0..<(pinsOneRow ? Int.random(in: 1...2, using: &values.random) : 1) {
            let column = values.pick(Array(table.userColumns))
            let key = "\(table.name).\(column.name)"
            if Self.isBoundedComposite(column.type) {
                guard scope.boundedMutated.insert(key).inserted else { continue }
            }
            if let mutation = mutation(column, &scope) { mutations.append(mutation) }
        }
        return ["op": "mutate", "table": .string(table.name), "where": condition, "mutations": .array(mutations)]
    }

    private mutating func mutation(_ column: ColumnSchema, _ scope: inout Scope) -> JSON? {
        let type = column.type
        let numeric = type.key.type == .integer || type.key.type == .real
        let arithmetic = numeric && (type.isScalar || type.isSet) && !(type.min == 1 && type.isComposite)
        if arithmetic && (!(type.isSet || type.isMap) || values.chance(0.5)) {
            var mutators = ["+=", "-=", "*=", "/="]
            if type.key.type == .integer { mutators.append("%=") }
            let mutator = values.pick(mutators)
            let operand: JSON
            switch mutator {
            case "*=": operand = .integer(values.pick([-2, -1, 2, 3]))
            case "/=", "%=": operand = .integer(values.pick([-3, 2, 3, 0]))
            default: operand = .integer(values.pick([1, 2, 7, -3, 500]))
            }
            return [.string(column.name), .string(mutator), type.key.type == .real ? .real(Double(operand.integerValue ?? 1) / 2) : operand]
        }
        guard type.isSet || type.isMap else { return nil }
        let mutator = values.chance(0.55) ? "insert" : "delete"
        let argument = values.datum(type.withSize(min: 0, max: min(type.max, 2)), names: scope.names)
        if mutator == "delete", type.isMap, values.chance(0.4) {
            return [.string(column.name), "delete", values.datum(ColumnType(key: type.key, min: 0, max: 2), names: scope.names)]
        }
        return [.string(column.name), .string(mutator), argument]
    }

    private mutating func select(_ table: TableSchema, _ scope: inout Scope) -> JSONObject {
        var operation: JSONObject = ["op": "select", "table": .string(table.name), "where": values.condition(table, names: scope.names)]
        if values.chance(0.7) {
            var columns: [JSON] = table.userColumns.filter { _ in values.chance(0.5) }.map { .string($0.name) }
            if values.chance(0.5) { columns.append("_uuid") }
            operation["columns"] = .array(columns)
        }
        if values.chance(0.3), let column = table.userColumns.randomElement(using: &values.random) {
            operation["sort"] = [.string(column.name)]
        }
        return operation
    }

    private mutating func wait(_ table: TableSchema, _ scope: inout Scope) -> JSONObject {
        let columns = Array(table.userColumns.prefix(2))
        var rows: [JSON] = []
        for _ in 0..<Int.random(in: 0...1, using: &values.random) {
            var row = JSONObject()
            for column in columns { row[column.name] = values.datum(column.type, names: scope.names) }
            rows.append(.object(row))
        }
        var operation: JSONObject = ["op": "wait", "table": .string(table.name), "where": values.condition(table, names: scope.names),
                                     "columns": .array(columns.map { .string($0.name) }), "until": values.chance(0.5) ? "==" : "!=", "rows": .array(rows)]
        if values.chance(0.8) { operation["timeout"] = 0 }
        return operation
    }

    private mutating func control() -> JSONObject {
        switch Int.random(in: 0..<8, using: &values.random) {
        case 0: return ["op": "abort"]
        case 1: return ["op": "assert", "lock": "mylock"]
        case 2, 3: return ["op": "commit", "durable": .bool(values.chance(0.3))]
        default: return ["op": "comment", "comment": .string(values.pick(["hello", "line\nbreak", "é"]))]
        }
    }

    /// An operation with exactly one mistake.
    private mutating func invalid(_ table: TableSchema, _ scope: inout Scope) -> JSON {
        let name = JSON.string(table.name)
        let column = JSON.string(table.userColumns.first?.name ?? "x")
        switch Int.random(in: 0..<14, using: &values.random) {
        case 0: return ["op": "insert", "table": "NoSuchTable", "row": [:]]
        case 1: return ["op": "insert", "table": name, "row": ["no_such_column": 1]]
        case 2: return ["op": "insert", "table": name, "row": [:], "extra": 1]
        case 3: return ["op": "select", "table": name]
        case 4: return ["op": "frobnicate", "table": name]
        case 5: return ["op": "insert", "table": name, "uuid": "not-a-uuid", "row": [:]]
        case 6: return ["op": "mutate", "table": name, "where": [], "mutations": [[column, "^=", 1]]]
        case 7: return ["op": "select", "table": name, "where": [[column, "~=", 1]]]
        case 8: return ["op": "delete", "table": name, "where": [[column, "==", ["set", [1, 2, 3, 4, 5]]]]]
        case 9: return ["op": "update", "table": name, "where": [], "row": ["_uuid": ["uuid", .string(values.poolUUID(table.name).description)]]]
        case 10: return ["op": "commit"]
        case 11:
            guard let existing = scope.names.values.flatMap({ $0 }).first else { return 17 }
            return ["op": "insert", "table": name, "uuid-name": .string(existing), "row": [:]]
        case 12:
            guard let integer = table.userColumns.first(where: { $0.type.key.type == .integer && ($0.type.isScalar || $0.type.isSet) && $0.isMutable && !($0.type.min == 1 && $0.type.isComposite) }) else { return 17 }
            // One row: over several, overflow ("range error") and a maxInteger constraint
            // ("constraint violation") could both occur, and OVS reports whichever row it meets first.
            let row: JSON = ["_uuid", "==", ["uuid", .string(values.poolUUID(table.name).description)]]
            return ["op": "mutate", "table": name, "where": [row], "mutations": [[.string(integer.name), "+=", .integer(.max)]]]
        default: return 17
        }
    }
}
