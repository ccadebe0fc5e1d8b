/// One clause of a condition: `[column, function, value]`, or the constant `true` or
/// `false` (RFC 7047 section 5.1, `<condition>`; OVS's `struct ovsdb_clause`).
public struct Clause: Hashable, Sendable {
    /// The function.
    public var function: ConditionFunction
    /// The column it tests (for the constants, `_uuid`, as in OVS).
    public var column: ColumnSchema
    /// The value it compares the column with (for the constants, unused).
    public var argument: Datum

    /// A clause; the caller guarantees `argument` fits the column's type.
    public init(function: ConditionFunction, column: ColumnSchema, argument: Datum) {
        self.function = function
        self.column = column
        self.argument = argument
    }

    /// True if the clause holds for `row` (OVS's `ovsdb_clause_evaluate()`). When the
    /// column holds at most one value and both sides hold one, the atoms are compared;
    /// otherwise `==`/`!=` compare whole datums, `includes` asks whether the value is a
    /// subset of the column, `excludes` whether they are disjoint (for maps, a pair
    /// matches on key and value), and the ordering functions are false (an empty
    /// optional column has no order).
    public func evaluate(_ row: Row) -> Bool {
        let field = row.values[column.index]
        let atMostOne = column.type.isScalar || column.type.isOptionalScalar
        let order = atMostOne && field.count == 1 && argument.count == 1
            ? Atom.compare(field.keys[0], argument.keys[0]) : nil
        switch function {
        case .true: return true
        case .false: return false
        case .equal: return order.map { $0 == 0 } ?? (field == argument)
        case .notEqual: return order.map { $0 != 0 } ?? (field != argument)
        case .includes: return order.map { $0 == 0 } ?? argument.isSubset(of: field)
        case .excludes: return order.map { $0 != 0 } ?? argument.isDisjoint(with: field)
        case .lessThan: return order.map { $0 < 0 } ?? false
        case .lessThanOrEqual: return order.map { $0 <= 0 } ?? false
        case .greaterThan: return order.map { $0 > 0 } ?? false
        case .greaterThanOrEqual: return order.map { $0 >= 0 } ?? false
        }
    }

    /// The clause as JSON (OVS's `ovsdb_clause_to_json()`).
    public var json: JSON {
        switch function {
        case .true: return true
        case .false: return false
        default: return [.string(column.name), .string(function.rawValue), argument.json(type: column.type)]
        }
    }
}

/// A condition: a list of clauses over one table's columns (RFC 7047 section 5.1; OVS's
/// `ovsdb/condition.c`).
///
/// Transaction operations (`select`, `update`, `mutate`, `delete`, `wait`) select the
/// rows that satisfy every clause (``matchesAll(_:)``); `monitor_cond` selects the rows
/// that satisfy at least one, an empty condition selecting every row
/// (``matchesAny(_:)``). Clauses are kept in OVS's order (function, then column, then
/// value), so equal conditions compare equal whatever order their clauses came in.
public struct Condition: Hashable, Sendable {
    /// The clauses, in OVS's order.
    public private(set) var clauses: [Clause]

    /// A condition of `clauses` (sorted into OVS's order).
    public init(clauses: [Clause]) {
        self.clauses = clauses.sorted { Self.compare($0, $1) < 0 }
    }

    /// The condition that every row satisfies under ``matchesAll(_:)``.
    public static let all = Condition(clauses: [])

    /// True if every clause holds for `row`: the `where` of transaction operations (OVS's
    /// `ovsdb_condition_match_every_clause()`).
    public func matchesAll(_ row: Row) -> Bool {
        clauses.allSatisfy { $0.evaluate(row) }
    }

    /// True if the condition is empty or some clause holds for `row`: the `where` of
    /// `monitor_cond` (OVS's `ovsdb_condition_empty_or_match_any()`).
    public func matchesAny(_ row: Row) -> Bool {
        clauses.isEmpty || clauses.contains { $0.evaluate(row) }
    }

    /// True if ``matchesAny(_:)`` holds for every row (OVS's
    /// `ovsdb_condition_is_true()`): empty, or with a `true` clause.
    public var isTrue: Bool {
        clauses.isEmpty || clauses.contains { $0.function == .true }
    }

    /// True if the condition is the single clause `false` (OVS's
    /// `ovsdb_condition_is_false()`): ``matchesAny(_:)`` holds for no row.
    public var isFalse: Bool {
        clauses.count == 1 && clauses[0].function == .false
    }

    /// The clauses as a JSON array, in OVS's order (OVS's `ovsdb_condition_to_json()`).
    public var json: JSON {
        .array(clauses.map(\.json))
    }

    /// OVS's `compare_clauses_3way_with_data()`: by function; then by column, with
    /// `_uuid` and `_version` first and other columns by name; then by value.
    static func compare(_ a: Clause, _ b: Clause) -> Int {
        if a.function != b.function {
            return a.function < b.function ? -1 : 1
        }
        if a.column.index != b.column.index {
            if a.column.index < 2 || b.column.index < 2 {
                return a.column.index < b.column.index ? -1 : 1
            }
            return UTF8Bytes.compare(a.column.name, b.column.name)
        }
        return Datum.compare(a.argument, b.argument)
    }
}
