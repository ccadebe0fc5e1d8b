/// The operations of a `transact` request (RFC 7047 section 5.2, with OVS's `comment`
/// and `assert`), and whether each only reads (OVS's `lookup_executor()` table).
enum OperationKind: String, CaseIterable, Sendable {
    case insert, select, update, mutate, delete, wait, commit, abort, comment, assert

    /// True for operations allowed on a read-only server: select, wait, abort, comment
    /// and assert.
    var isReadOnly: Bool {
        switch self {
        case .select, .wait, .abort, .comment, .assert: return true
        case .insert, .update, .mutate, .delete, .commit: return false
        }
    }
}
