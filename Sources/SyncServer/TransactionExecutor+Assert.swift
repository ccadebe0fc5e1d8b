import OVSDB

extension TransactionExecutor {
    /// `assert` (RFC 7047 section 5.2.10): member `lock` (an id). Fails with "not owner"
    /// unless the session owns the lock (``TransactionOptions/locksHeld``).
    mutating func assertLock(_ parser: inout MemberParser) throws(OVSDBError) -> JSONObject {
        guard let lock = parser.member("lock", .id)?.stringValue else { return [:] }
        guard options.locksHeld.contains(lock) else {
            throw OVSDBError(.notOwner, "Asserted lock \(lock) not held.")
        }
        return [:]
    }
}
