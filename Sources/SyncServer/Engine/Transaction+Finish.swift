import HashTreeCollections
import OVSDB

extension Transaction {
    /// The last step of a commit (OVS's `ovsdb_txn_complete()`): records the new
    /// reference counts, weak referrers and index keys of the changed rows in the new
    /// database and lists the changes. Work is proportional to the changed rows. The
    /// working copy becomes the new database: it is changed in place.
    mutating func finish(strongReferenceDeltas deltas: [RowReference: Int]) -> CommittedTransaction {
        var tables: [ChangeSet.TableChanges] = []
        for table in pending.tableOrder.sorted() {
            var rows: [ChangeSet.RowChange] = []
            for (uuid, entry) in pending.rows(of: table) {
                let new = database.tables[table].rows[uuid]
                if let old = entry.old, let new, old == new { continue }
                rows.append(ChangeSet.RowChange(uuid: uuid, old: entry.old, new: new))
            }
            guard !rows.isEmpty else { continue }
            database.tables[table].updateIndexes(for: rows)
            for change in rows {
                database.updateWeakReferrers(of: RowReference(table: table, uuid: change.uuid), old: change.old, new: change.new)
            }
            rows.sort { $0.uuid < $1.uuid }
            tables.append(ChangeSet.TableChanges(table: table, schema: database.schema.tables[table], rows: rows))
        }
        for (target, delta) in deltas where delta != 0 {
            let count = original.tables[target.table].strongReferenceCount(of: target.uuid) + delta
            database.tables[target.table].strongReferenceCounts[target.uuid] = count == 0 ? nil : count
        }
        for table in tables {
            for change in table.rows where change.new == nil {
                database.tables[table.table].strongReferenceCounts[change.uuid] = nil
                database.tables[table.table].weakReferrers[change.uuid] = nil
            }
        }
        return CommittedTransaction(database: database, changes: ChangeSet(tables: tables, comment: comment, isDurable: isDurable))
    }
}

extension Table {
    /// Moves the index entries of changed rows from their old keys to their new ones:
    /// all removals first, so that rows swapping keys in one transaction stay indexed.
    mutating func updateIndexes(for changes: [ChangeSet.RowChange]) {
        for (number, columns) in schema.indexes.enumerated() {
            for change in changes {
                guard let old = change.old else { continue }
                let key = IndexKey(old, columns: columns)
                if indexes[number][key] == change.uuid { indexes[number][key] = nil }
            }
            for change in changes {
                guard let new = change.new else { continue }
                indexes[number][IndexKey(new, columns: columns)] = change.uuid
            }
        }
    }
}

extension Database {
    /// Records that row `source` now weakly references the rows `new` references and no
    /// longer those only `old` referenced.
    mutating func updateWeakReferrers(of source: RowReference, old: Row?, new: Row?) {
        let before = weakTargets(of: old, source: source)
        let after = weakTargets(of: new, source: source)
        for target in before.subtracting(after) {
            tables[target.table].weakReferrers[target.uuid]?.remove(source)
            if tables[target.table].weakReferrers[target.uuid]?.isEmpty == true {
                tables[target.table].weakReferrers[target.uuid] = nil
            }
        }
        for target in after.subtracting(before) {
            tables[target.table].weakReferrers[target.uuid, default: []].insert(source)
        }
    }

    /// The rows `row` (a row of `source`'s table) weakly references, itself excluded.
    func weakTargets(of row: Row?, source: RowReference) -> Set<RowReference> {
        guard let row else { return [] }
        var targets = Set<RowReference>()
        for column in references.weak[source.table] {
            targets.formUnion(column.targets(of: row.values[column.index], excluding: source, strongSelf: false))
        }
        return targets
    }
}
