import Digest

extension ResyncReply {
    /// The reply's kind, its one kind member (`in_sync`, `done`, ...): how the server
    /// logs and counts the end of an exchange (``DigestResync/outcomes``).
    var kind: String {
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
