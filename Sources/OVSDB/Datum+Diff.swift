/// Column diffs, as update2 `modify` notifications and `_is_diff` log records carry
/// them (OVS's `ovsdb_datum_diff()`, `ovsdb_datum_apply_diff_in_place()` and
/// `ovsdb_datum_added_removed()`).
///
/// For a column that holds at most one element the diff is simply the new value. For a
/// composite column (`max > 1`) it is the symmetric difference of the sets, and for a
/// map every pair removed, added, or changed (a changed key appears once, with its new
/// value).
extension Datum {
    /// The diff that turns `self` (the old value) into `new`, for a column of `type`.
    public func diff(to new: Datum, type: ColumnType) -> Datum {
        guard type.isComposite else { return new }
        var diff = Builder(isMap: isMap || new.isMap, capacity: count + new.count)
        merge(with: new,
              onlyHere: { diff.append(self, $0) },
              onlyThere: { diff.append(new, $0) },
              inBoth: { old, next in
                  if valuesDiffer(old, new, next) { diff.append(new, next) }
              })
        return diff.datum
    }

    /// The new value that `diff` makes of `self` for a column of `type`. Each element of
    /// the diff is added if its key is absent, replaces the value of a map key whose
    /// value differs, and is removed otherwise. Throws OVS's error (tag "ovsdb error",
    /// its text verbatim) if the result does not fit `type.min`/`type.max`.
    public func applying(diff: Datum, type: ColumnType) throws(OVSDBError) -> Datum {
        guard type.isComposite else { return diff }
        // Applying a diff is the same merge as computing one (OVS's
        // ovsdb_datum_apply_diff() calls ovsdb_datum_diff()).
        let applied = self.diff(to: diff, type: type)
        guard type.conforms(applied) else {
            throw OVSDBError(.ovsdbError, "Datum crated by diff has size error")
        }
        return applied
    }

    /// What changing `self` (the old value) into `new` adds and removes, for a column of
    /// `type`; a changed map value counts as its old pair removed and its new pair
    /// added. For a non-composite column, the whole old value is removed and the whole
    /// new value added. The engine uses this to maintain reference counts.
    public func addedAndRemoved(to new: Datum, type: ColumnType) -> (added: Datum, removed: Datum) {
        guard type.isComposite else { return (new, self) }
        var added = Builder(isMap: new.isMap, capacity: new.count)
        var removed = Builder(isMap: isMap, capacity: count)
        merge(with: new,
              onlyHere: { removed.append(self, $0) },
              onlyThere: { added.append(new, $0) },
              inBoth: { old, next in
                  if valuesDiffer(old, new, next) {
                      removed.append(self, old)
                      added.append(new, next)
                  }
              })
        return (added.datum, removed.datum)
    }
}
