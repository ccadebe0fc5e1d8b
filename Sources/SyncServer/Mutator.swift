import OVSDB

/// The mutators of a `mutate` operation (RFC 7047 section 5.1, `<mutator>`) and their
/// arithmetic on atoms (OVS's `ovsdb/mutation.c`).
///
/// Integer arithmetic detects every overflow exactly. OVS 3.1.0's `*=` does not: it
/// reports false range errors (e.g. 1 `*=` INT64_MAX), wraps silently (e.g.
/// -4611686018427387904 `*=` -4 gives 0) and crashes on a negative value `*=` 0; here
/// those give the mathematically right result or a range error.
enum Mutator: String, Sendable {
    case add = "+="
    case subtract = "-="
    case multiply = "*="
    case divide = "/="
    case modulo = "%="
    case insert
    case delete

    /// True for the arithmetic mutators, which apply to every element of an integer or
    /// real scalar or set.
    var isArithmetic: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide, .modulo: return true
        case .insert, .delete: return false
        }
    }

    /// `x <mutator> y` for integers; C semantics for `/` and `%` (truncation toward
    /// zero). Throws "domain error" for division by zero and "range error" on overflow.
    func apply(_ x: Int64, _ y: Int64) throws(OVSDBError) -> Int64 {
        let (result, overflow): (Int64, Bool)
        switch self {
        case .add: (result, overflow) = x.addingReportingOverflow(y)
        case .subtract: (result, overflow) = x.subtractingReportingOverflow(y)
        case .multiply: (result, overflow) = x.multipliedReportingOverflow(by: y)
        case .divide, .modulo:
            guard y != 0 else { throw OVSDBError(.domainError, "Division by zero.") }
            (result, overflow) = self == .divide ? x.dividedReportingOverflow(by: y) : x.remainderReportingOverflow(dividingBy: y)
        case .insert, .delete:
            (result, overflow) = (x, false)
        }
        if overflow { throw rangeError }
        return result
    }

    /// `x <mutator> y` for reals. Throws "domain error" for division by zero and "range
    /// error" for a result that is not finite.
    func apply(_ x: Double, _ y: Double) throws(OVSDBError) -> Double {
        let result: Double
        switch self {
        case .add: result = x + y
        case .subtract: result = x - y
        case .multiply: result = x * y
        case .divide:
            guard y != 0 else { throw OVSDBError(.domainError, "Division by zero.") }
            result = x / y
        case .modulo, .insert, .delete: result = x
        }
        guard result.isFinite else { throw rangeError }
        return result
    }

    private var rangeError: OVSDBError {
        OVSDBError(.rangeError, "Result of \"\(rawValue)\" operation is out of range.")
    }
}
