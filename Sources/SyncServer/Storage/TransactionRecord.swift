import OVSDB

/// The content of the log records after the schema (OVS's `ovsdb/file.c`):
/// `{"_date": ms, "_comment"?: text, "<table>": {"<uuid>": null | {column: value}}}`.
///
/// DigestSync writes every modified column as its full new value and no `"_is_diff"`
/// member: Open vSwitch reads that correctly in every version, whereas OVS 3.1.0
/// misreads some of its own diffs (a diff on a `min: 1` set at its default value, a
/// diff larger than the column's `max`). Reading accepts both forms, and applies
/// `"_is_diff": true` records with the fixed semantics of later OVS releases.
enum TransactionRecord {
    /// The record of `changes` at wall-clock time `date` (milliseconds), serialized, or
    /// nil if no persistent column changed: an inserted row lists its non-default
    /// persistent columns, a modified row its changed persistent columns, a deleted row is
    /// `null`. Ephemeral columns and `_version` are never written. Rows are written
    /// straight into bytes (``Row/appendJSON(table:columns:omittingDefaults:to:)``), as
    /// `JSON.serialized()` would write the same object.
    static func body(for changes: ChangeSet, date: Int64) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        append("{\"_date\":", to: &output)
        JSONSerializer.appendInteger(date, to: &output)
        var wroteRow = false
        for table in changes.tables {
            let tableStart = output.count
            var rowsInTable = 0
            for change in table.rows {
                guard let entry = entry(for: change, schema: table.schema) else { continue }
                output.append(UInt8(ascii: ","))
                if rowsInTable == 0 {
                    JSONSerializer.appendString(table.schema.name, to: &output)
                    append(":{", to: &output)
                }
                rowsInTable += 1
                output.append(UInt8(ascii: "\""))
                change.uuid.appendText(to: &output)
                append("\":", to: &output)
                switch entry {
                case .deleted: append("null", to: &output)
                case .columns(let columns, let row): row.appendJSON(table: table.schema, columns: columns, to: &output)
                }
            }
            if rowsInTable > 0 {
                output.append(UInt8(ascii: "}"))
                wroteRow = true
            } else {
                output.removeLast(output.count - tableStart)
            }
        }
        guard wroteRow else { return nil }
        if let comment = changes.comment {
            append(",\"_comment\":", to: &output)
            JSONSerializer.appendString(comment, to: &output)
        }
        output.append(UInt8(ascii: "}"))
        return output
    }

    /// What a record says about one changed row.
    private enum Entry {
        /// `null`: the row was deleted.
        case deleted
        /// These columns of this row.
        case columns([Int], Row)
    }

    /// The entry of `change`, or nil if no persistent column of a modified row changed.
    private static func entry(for change: ChangeSet.RowChange, schema: TableSchema) -> Entry? {
        guard let new = change.new else { return .deleted }
        let columns = schema.userColumns.filter { column in
            guard !column.isEphemeral else { return false }
            if let old = change.old { return old.values[column.index] != new.values[column.index] }
            return !new.values[column.index].isDefault(for: column.type)
        }.map(\.index)
        if change.old != nil && columns.isEmpty { return nil }
        return .columns(columns, new)
    }

    private static func json(for change: ChangeSet.RowChange, schema: TableSchema) -> JSON? {
        switch entry(for: change, schema: schema) {
        case nil: return nil
        case .deleted?: return .null
        case .columns(let columns, let row)?: return row.json(table: schema, columns: columns)
        }
    }

    private static func append(_ text: StaticString, to output: inout [UInt8]) {
        text.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    /// A snapshot of `database` as one record (what compaction writes after the schema):
    /// every row as an insert of its non-default persistent columns, rows by UUID.
    static func snapshot(of database: Database, comment: String, date: Int64) -> JSON {
        var record: JSONObject = ["_date": .integer(date)]
        for table in database.tables where table.count > 0 {
            var rows = JSONObject()
            for row in table.sortedRows {
                rows[row.uuid.description] = json(for: ChangeSet.RowChange(uuid: row.uuid, old: nil, new: row), schema: table.schema)
            }
            record[table.schema.name] = .object(rows)
        }
        record["_comment"] = .string(comment)
        return .object(record)
    }

    /// Applies a record to `transaction` (OVS's `ovsdb_file_txn_from_json()`), which the
    /// caller then commits through the full commit pipeline. Errors are OVS's ("unknown
    /// table", "transaction deletes row ... that does not exist", column errors).
    static func apply(_ record: JSONObject, to transaction: inout Transaction) throws(OVSDBError) {
        var isDiff = false
        if let flag = record["_is_diff"] {
            guard case .bool(let value) = flag else { throw OVSDBError.syntax(flag, "_is_diff must be a boolean") }
            isDiff = value
        }
        for (name, rows) in record {
            if name == "_comment" || name == "_is_diff" || (name == "_date" && rows.integerValue != nil) { continue }
            guard let table = transaction.database.schema.tableIndex(named: name) else {
                throw OVSDBError.syntax(.object(record), "No table named \(name).", tag: .unknownTable)
            }
            guard case .object(let members) = rows else { throw OVSDBError.syntax(rows, "object expected") }
            for (uuidText, row) in members {
                guard let uuid = OVSDBUUID(uuidText) else {
                    throw OVSDBError.syntax(.string(uuidText), "\"\(uuidText)\" is not a valid UUID")
                }
                try apply(row, to: RowReference(table: table, uuid: uuid), isDiff: isDiff, in: &transaction)
            }
        }
    }

    private static func apply(_ json: JSON, to reference: RowReference, isDiff: Bool, in transaction: inout Transaction) throws(OVSDBError) {
        let schema = transaction.database.tables[reference.table].schema
        let existing = transaction[reference]
        if json.isNull {
            guard existing != nil else {
                throw OVSDBError(.syntaxError, "transaction deletes row \(reference.uuid) that does not exist")
            }
            transaction.delete(reference)
            return
        }
        guard case .object(let members) = json else { throw OVSDBError.syntax(json, "row must be JSON object") }
        var row = existing ?? Row(table: schema, uuid: reference.uuid)
        for (name, valueJSON) in members {
            guard let column = schema.column(named: name), column.index >= 2 else {
                throw OVSDBError.syntax(json, "No column \(name) in table \(schema.name).", tag: .unknownColumn)
            }
            if isDiff && existing != nil && column.type.isComposite {
                let diff = try Datum(json: valueJSON, type: column.type.withSize(min: 0, max: ColumnType.unlimited))
                row.values[column.index] = try row.values[column.index].applying(diff: diff, type: column.type)
            } else {
                row.values[column.index] = try Datum(json: valueJSON, type: column.type)
            }
        }
        if existing != nil {
            transaction.replace(reference, with: row)
        } else {
            transaction.insert(row, into: reference.table)
        }
    }
}
