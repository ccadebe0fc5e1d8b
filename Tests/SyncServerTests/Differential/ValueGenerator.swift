import BenchmarkSupport
@testable import OVSDB

/// Random values, conditions and row objects for a schema, drawn from small domains so
/// that values often coincide (index clashes, matching conditions), and valid for
/// their column types unless asked otherwise.
///
/// Some values are never drawn because OVS 3.1.0 handles them wrongly and a
/// differential run would compare against its bugs (DigestSync follows fixed OVS):
/// - `Int64.min` and integers whose `*=` OVS misjudges: integers stay small, or are
///   `Int64.max` or `Int64.max - 1`, whose products OVS checks correctly;
/// - the default atom in a `min: 1` set (OVS 3.1.0 misreads a diff applied to such a
///   column at its default value, so the two files would differ after a reload).
struct ValueGenerator {
    let schema: DatabaseSchema
    /// Candidate row UUIDs per table: inserts use them as explicit UUIDs, references and
    /// conditions point at them, so rows are found (or missed) often.
    let pools: [String: [OVSDBUUID]]
    var random: SplitMix64

    init(schema: DatabaseSchema, seed: UInt64, poolSize: Int) {
        self.schema = schema
        random = SplitMix64(seed: seed)
        var pools: [String: [OVSDBUUID]] = [:]
        for (number, table) in schema.tables.enumerated() {
            pools[table.name] = (1...poolSize).map { OVSDBUUID(high: 0x1000_0000_0000_4000 | UInt64(number) << 20, low: 0x8000_0000_0000_0000 | UInt64($0)) }
        }
        self.pools = pools
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &random) < probability
    }

    mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int.random(in: 0..<choices.count, using: &random)]
    }

    mutating func poolUUID(_ table: String) -> OVSDBUUID {
        pick(pools[table] ?? [.zero])
    }

    /// An atom of `base`; `names` maps table names to uuid-names inserted earlier in the
    /// transaction, which references may use.
    mutating func atom(_ base: BaseType, names: [String: [String]], avoidDefault: Bool = false) -> JSON {
        if let allowed = base.enumeration {
            let atom = allowed.keys[Int.random(in: 0..<allowed.count, using: &random)]
            return atom.json
        }
        switch base.type {
        case .integer:
            var domain: [Int64] = base.minInteger > .min || base.maxInteger < .max
                ? [base.minInteger, base.minInteger + 1, base.maxInteger, base.maxInteger - 1].filter { $0 >= base.minInteger && $0 <= base.maxInteger && $0 != .min && abs($0) < 100_000 }
                : []
            domain += [1, 2, 3, 5, 7, -1, -4].filter { $0 >= base.minInteger && $0 <= base.maxInteger }
            if base.minInteger == .min && base.maxInteger == .max && chance(0.05) { domain = [.max, .max - 1] }
            if !avoidDefault && 0 >= base.minInteger && 0 <= base.maxInteger { domain.append(0) }
            return .integer(domain.isEmpty ? base.minInteger : pick(domain))
        case .real:
            let domain = [0.5, 1.25, -2.0, 3.75e10, 0.001, 2.0, 0.0].filter { $0 >= base.minReal && $0 <= base.maxReal && !(avoidDefault && $0 == 0) }
            return .real(domain.isEmpty ? base.minReal : pick(domain))
        case .boolean:
            return .bool(avoidDefault ? true : chance(0.5))
        case .string:
            let domain = ["a", "b", "ab", "xyz", "é", "hello world", "\"q\"", "name1", ""].filter {
                $0.unicodeScalars.count >= base.minLength && $0.unicodeScalars.count <= base.maxLength && !(avoidDefault && $0.isEmpty)
            }
            return .string(domain.isEmpty ? String(repeating: "s", count: base.minLength) : pick(domain))
        case .uuid:
            if let table = base.refTable {
                if let defined = names[table], !defined.isEmpty, chance(0.5) {
                    return ["named-uuid", .string(pick(defined))]
                }
                return ["uuid", .string(poolUUID(table).description)]
            }
            return ["uuid", .string(poolUUID(pick(schema.tables).name).description)]
        }
    }

    /// A value of `type` that fits its size bounds.
    mutating func datum(_ type: ColumnType, names: [String: [String]]) -> JSON {
        let avoidDefault = type.min == 1 && type.isComposite
        if type.isScalar { return atom(type.key, names: names) }
        let upper = min(type.max, 3)
        let count = Int.random(in: type.min...max(type.min, upper), using: &random)
        if let value = type.value {
            var seen = Set<JSON>()
            var pairs: [JSON] = []
            for _ in 0..<count {
                let key = atom(type.key, names: names, avoidDefault: avoidDefault)
                if seen.insert(key).inserted { pairs.append([key, atom(value, names: names)]) }
            }
            return ["map", .array(pairs)]
        }
        var atoms: [JSON] = []
        for _ in 0..<count {
            let atom = atom(type.key, names: names, avoidDefault: avoidDefault)
            if !atoms.contains(atom) { atoms.append(atom) }
        }
        if atoms.count == 1 && chance(0.5) { return atoms[0] }
        return ["set", .array(atoms)]
    }

    /// A `where` condition on `table`: a few clauses, often `_uuid == <pool uuid>`.
    mutating func condition(_ table: TableSchema, names: [String: [String]]) -> JSON {
        var clauses: [JSON] = []
        if chance(0.45) {
            clauses.append(["_uuid", "==", ["uuid", .string(poolUUID(table.name).description)]])
        }
        let columns = Array(table.userColumns)
        for _ in 0..<Int.random(in: 0...1, using: &random) where !columns.isEmpty {
            clauses.append(clause(pick(columns), names: names))
        }
        if chance(0.03) { clauses.append(.bool(chance(0.5))) }
        return .array(clauses)
    }

    private mutating func clause(_ column: ColumnSchema, names: [String: [String]]) -> JSON {
        let type = column.type
        var functions = ["==", "!="]
        if type.isSet || type.isMap { functions += ["includes", "excludes"] }
        if (type.isScalar || type.isOptionalScalar) && (type.key.type == .integer || type.key.type == .real) {
            functions += ["<", "<=", ">", ">="]
        }
        let function = pick(functions)
        var argumentType = type
        if ["<", "<=", ">", ">="].contains(function) { argumentType = type.withSize(min: 1, max: 1) }
        if function == "includes" || function == "excludes" { argumentType = type.withSize(min: 0, max: min(type.max, 3)) }
        return [.string(column.name), .string(function), datum(argumentType, names: names)]
    }
}
