/// The functions of a condition clause (RFC 7047 section 5.1, `<function>`), plus the
/// constant clauses `true` and `false` that Open vSwitch accepts in place of a clause.
///
/// The case order is OVS's (`lib/ovsdb-condition.h`): constants first, then by how few
/// rows a clause is expected to leave; OVS sorts the clauses of a condition by it.
public enum ConditionFunction: String, CaseIterable, Comparable, Hashable, Sendable {
    /// The constant clause `false`.
    case `false` = "false"
    /// The constant clause `true`.
    case `true` = "true"
    /// `==`: the column equals the value.
    case equal = "=="
    /// `includes`: the column contains every element of the value.
    case includes
    /// `<=` (integer and real scalars only).
    case lessThanOrEqual = "<="
    /// `<` (integer and real scalars only).
    case lessThan = "<"
    /// `>=` (integer and real scalars only).
    case greaterThanOrEqual = ">="
    /// `>` (integer and real scalars only).
    case greaterThan = ">"
    /// `excludes`: the column contains no element of the value.
    case excludes
    /// `!=`: the column differs from the value.
    case notEqual = "!="

    /// OVS's order of functions.
    public static func < (lhs: ConditionFunction, rhs: ConditionFunction) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
