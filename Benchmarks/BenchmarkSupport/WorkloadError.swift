/// Why a workload could not be generated or changed.
public enum WorkloadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A size parameter is out of range.
    case invalidSize(String)
    /// A change fraction asks for more rows than can be changed that way.
    case tooManyChanges(String)

    /// What is wrong.
    public var description: String {
        switch self {
        case .invalidSize(let reason): return "invalid workload size: \(reason)"
        case .tooManyChanges(let reason): return "cannot make the requested changes: \(reason)"
        }
    }
}
