import OVSDB

/// Runs `transact` requests (RFC 7047 section 4.1.3, section 5.2 operations) against a
/// ``Database``, as OVS's `ovsdb_execute_compose()` does.
///
/// Operations run in order on one ``Transaction``; the first failing operation stops
/// the request (its error object is its result, later results are `null`). When every
/// operation succeeds, the commit checks run and a commit error becomes an extra last
/// element. Replies, error tags and texts are OVS 3.1.0's. The executor does no I/O:
/// the caller stores the ``ChangeSet`` of a committed outcome.
public struct TransactionExecutor {
    /// The transaction being built.
    var transaction: Transaction
    /// The request's named UUIDs.
    let symbols = SymbolTable()
    /// The session's options.
    let options: TransactionOptions
    /// The smallest `timeout` of the `wait` operations parsed so far.
    var waitTimeout: Int64?

    private init(database: Database, options: TransactionOptions) {
        transaction = Transaction(database: database)
        self.options = options
    }

    /// Runs the `params` of a `transact` request (`[db-name, operation...]`) against
    /// `database`.
    public static func execute(_ params: JSON, on database: Database, options: TransactionOptions = TransactionOptions()) -> TransactionOutcome {
        guard case .array(let elements) = params else {
            return .failed(reply: OVSDBError.syntax(params, "array expected").json)
        }
        guard case .string(let name)? = elements.first, name == database.schema.name else {
            return .failed(reply: OVSDBError.syntax(params, "database name expected as first parameter").json)
        }
        var executor = TransactionExecutor(database: database, options: options)
        return executor.run(Array(elements.dropFirst()))
    }

    private mutating func run(_ operations: [JSON]) -> TransactionOutcome {
        var results: [JSON] = []
        for (position, operation) in operations.enumerated() {
            do {
                results.append(.object(try execute(operation, number: position + 1, of: operations.count)))
            } catch {
                results.append(error.json)
                let nulls = Array(repeating: JSON.null, count: operations.count - results.count)
                if error.tag == .notSupported {
                    return .blocked(timeoutMilliseconds: waitTimeout, reply: .array(results + nulls))
                }
                return .failed(reply: .array(results + nulls))
            }
        }
        do {
            try checkNamedUUIDsAreDefined()
            // The executor is done with its transaction: hand the commit the only
            // reference to the working copy, so that it changes it in place.
            let owned = transaction
            transaction = Transaction(database: transaction.original)
            return .committed(reply: .array(results), transaction: try owned.commit())
        } catch {
            return .failed(reply: .array(results + [error.json]))
        }
    }

    /// Fails the commit if a `named-uuid` was used that no `insert` of the transaction
    /// defines: RFC 7047 (section 5.1) allows only names of rows the transaction inserts.
    /// OVS 3.1.0 does not check this and stores a random UUID instead.
    private func checkNamedUUIDsAreDefined() throws(OVSDBError) {
        let undefined = symbols.symbols.filter { !$0.value.created }.keys.sorted()
        if let name = undefined.first {
            throw OVSDBError(.syntaxError, "named-uuid \"\(name)\" is not defined by any insert operation of this transaction")
        }
    }

    /// Parses and runs one operation; a parse error (a missing, mistyped or unexpected
    /// member) overrides the operation's own error, as in OVS.
    private mutating func execute(_ operation: JSON, number: Int, of count: Int) throws(OVSDBError) -> JSONObject {
        var parser = MemberParser(operation, name: "ovsdb operation \(number) of \(count)")
        var result = JSONObject()
        var failure: OVSDBError?
        var writes = false
        let name = parser.member("op", .id)?.stringValue
        if let name {
            if let kind = OperationKind(rawValue: name) {
                writes = !kind.isReadOnly
                do {
                    result = try execute(kind, &parser, operation)
                } catch {
                    failure = error
                }
            } else {
                parser.raise("No operation \"\(name)\"")
            }
        }
        try parser.finish()
        if let failure { throw failure }
        if writes, let name, options.isReadOnly {
            throw OVSDBError(.notAllowed, "\(name) operation not allowed when database server is in read only mode")
        }
        if writes, let name, transaction.database.schema.name.hasPrefix("_") {
            throw OVSDBError(.notAllowed, "\(name) operation not allowed on table in reserved database \(transaction.database.schema.name)")
        }
        return result
    }

    private mutating func execute(_ kind: OperationKind, _ parser: inout MemberParser, _ operation: JSON) throws(OVSDBError) -> JSONObject {
        switch kind {
        case .insert: return try insert(&parser)
        case .select: return try select(&parser)
        case .update: return try update(&parser, operation: operation)
        case .mutate: return try mutate(&parser)
        case .delete: return try delete(&parser)
        case .wait: return try wait(&parser)
        case .commit: return try commit(&parser)
        case .abort: throw OVSDBError(.aborted, "aborted by request")
        case .comment: return try comment(&parser)
        case .assert: return try assertLock(&parser)
        }
    }
}
