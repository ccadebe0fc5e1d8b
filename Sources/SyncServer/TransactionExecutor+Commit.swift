import OVSDB

extension TransactionExecutor {
    /// `commit` (RFC 7047 section 5.2.7): member `durable` (a Boolean, required). With
    /// `true` the storage syncs the transaction's record to disk before replying.
    mutating func commit(_ parser: inout MemberParser) throws(OVSDBError) -> JSONObject {
        if parser.member("durable", .boolean)?.boolValue == true {
            transaction.requestDurability()
        }
        return [:]
    }
}
