extension ResyncReply {
    /// The reply's kind, its one kind member (`in_sync`, `done`, ...): what errors,
    /// logs and counters name it by.
    public var kind: String {
        switch self {
        case .inSync: return "in_sync"
        case .estimator: return "estimator"
        case .symbols: return "symbols"
        case .retry: return "retry"
        case .done: return "done"
        case .full: return "full"
        }
    }
}
