import OVSDB

extension TransactionExecutor {
    /// `comment` (RFC 7047 section 5.2.9): member `comment` (a string). The comments of
    /// a transaction go, joined with newlines, into its log record's `"_comment"`.
    mutating func comment(_ parser: inout MemberParser) throws(OVSDBError) -> JSONObject {
        if let text = parser.member("comment", .string)?.stringValue {
            transaction.addComment(text)
        }
        return [:]
    }
}
