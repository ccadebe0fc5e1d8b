/// Why an exchange ends in a full snapshot rather than a difference: carried by the
/// `full` reply and the client's `full` step so that both sides can log and count it.
public enum FullReason: String, CaseIterable, Hashable, Sendable {
    /// The schema changed since the client's replica was built: its rows may not even
    /// parse any more (issue 5: a schema change between sessions forces a full fetch).
    case schemaChanged = "schema"
    /// The view is so small that its snapshot costs less than a strata estimator.
    case smallView = "small"
    /// The difference (the row-count gap, or the estimate) is too large for a digest to
    /// pay off (`ResyncPlanner`).
    case largeDifference = "large"
    /// Decoding failed after the retry, or the rateless decoder needed more symbols than
    /// a difference of this size can, or a requested key was not in the view.
    case decodeFailed = "failed"
}
