import OVSDB

extension Transaction {
    /// Checks and completes the transaction the way OVS's `ovsdb_txn_precommit()` does,
    /// in its order, and returns the new database and its change set; throws the first
    /// error, which aborts the transaction (the caller appends it to the reply as the
    /// N+1-th element).
    ///
    /// 1. Rows whose values did not change are dropped; if none is left the transaction
    ///    changed nothing.
    /// 2. Strong references: every added reference must point to an existing row
    ///    ("references nonexistent row"), then no deleted row may still be referenced
    ///    ("cannot delete ... because of N remaining reference(s)").
    /// 3. Garbage collection: rows of non-root tables left without strong references are
    ///    deleted, recursively.
    /// 4. `maxRows` of every touched table.
    /// 5. Weak references to deleted or missing rows are removed; a column left below
    ///    its minimum size is an error.
    /// 6. Index uniqueness.
    /// 7. `_version` is renewed for every modified row.
    ///
    /// The work is proportional to the rows touched (each lookup O(log n)): reference
    /// counts and weak referrers are kept per row, indexes as maps, never rebuilt by
    /// scanning a table.
    ///
    /// Consuming: a caller that no longer holds the transaction lets the checks and
    /// ``finish(strongReferenceDeltas:)`` change the working copy in place instead of
    /// copying the touched tables' structure once more.
    public consuming func commit() throws(OVSDBError) -> CommittedTransaction {
        dropUnchangedRows()
        if pending.isEmpty {
            return CommittedTransaction(database: original, changes: ChangeSet(tables: [], comment: comment, isDurable: isDurable))
        }
        var references = ReferenceCounter()
        try references.countStrongReferences(in: &self)
        try references.checkDeletedRowsAreUnreferenced(in: self)
        references.collectGarbage(in: &self)
        try checkMaxRows()
        try removeDanglingWeakReferences()
        try IndexChecker(transaction: copy self).check()
        renewVersions()
        return finish(strongReferenceDeltas: references.deltas)
    }

    /// The comments joined with newlines, as the log record's `"_comment"`.
    var comment: String? {
        comments.isEmpty ? nil : comments.joined(separator: "\n")
    }

    /// Step 1 (OVS's `determine_changes()`): forgets modified rows whose values equal
    /// their old values.
    private mutating func dropUnchangedRows() {
        for reference in pending.all {
            if let old = pending[reference]?.old, let new = database[reference], old == new {
                pending.forget(reference)
            }
        }
    }

    /// Step 4 (OVS's `check_max_rows()`).
    private func checkMaxRows() throws(OVSDBError) {
        for table in pending.tableOrder {
            let schema = database.tables[table].schema
            let count = database.tables[table].count
            if let limit = schema.maxRows, count > limit {
                throw OVSDBError(.constraintViolation, "transaction causes \"\(schema.name)\" table to contain \(count) rows, greater than the schema-defined limit of \(limit) row(s)")
            }
        }
    }

    /// Step 7 (OVS's `update_version()`).
    private mutating func renewVersions() {
        for reference in pending.all {
            guard let old = pending[reference]?.old, var new = database[reference], old != new else { continue }
            new.version = .random()
            database.tables[reference.table].rows[reference.uuid] = new
        }
    }
}
