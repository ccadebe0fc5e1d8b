#if canImport(Glibc)
import Glibc
#endif
import OVSDB

/// Describes log records as `ovsdb-tool show-log` does (OVS's `do_show_log_standalone()`):
/// record 0 by its schema's name, version and checksum; each later record by its date
/// (UTC, milliseconds) and comment; with verbosity 1 (`-m`) also every row it inserts,
/// changes or deletes, named by its `name` column when it has one; with verbosity 2
/// (`-mm`) also every column value written, in OVSDB's text syntax.
struct LogPrinter {
    /// 0, 1 (`-m`) or 2 (`-mm`).
    let verbosity: Int
    private var schema: DatabaseSchema?
    /// The name shown for each row seen so far, by UUID text.
    private var names: [String: String] = [:]

    init(verbosity: Int) {
        self.verbosity = verbosity
    }

    /// The text for `record`, including its trailing newlines.
    mutating func describe(_ record: LogRecord) -> String {
        var text = "record \(record.position.number):"
        if record.position.number == 0 {
            let parsed = try? DatabaseSchema(json: .object(record.json))
            schema = parsed
            text += " \"\(parsed?.name ?? "")\" schema, version=\"\(parsed?.version ?? "")\", cksum=\"\(parsed?.cksum ?? "")\"\n"
        } else {
            if case .integer(var date)? = record.json["_date"] {
                if date < Int64(Int32.max) { date *= 1000 }
                text += " " + Self.format(milliseconds: date)
            }
            if case .string(let comment)? = record.json["_comment"] {
                text += " \"\(comment)\""
            }
            if verbosity > 0 {
                text += changes(record.json)
            }
        }
        return text + "\n"
    }

    private mutating func changes(_ record: JSONObject) -> String {
        let isDiff = record["_is_diff"] == .bool(true)
        var text = ""
        for (table, rows) in record where !table.hasPrefix("_") {
            guard case .object(let rowObjects) = rows else { continue }
            if text.isEmpty { text += "\n" }
            let tableSchema = schema?.table(named: table)
            for (uuid, columns) in rowObjects {
                text += describeRow(table: table, uuid: uuid, columns: columns, schema: tableSchema, isDiff: isDiff)
            }
        }
        return text
    }

    private mutating func describeRow(table: String, uuid: String, columns: JSON, schema: TableSchema?, isDiff: Bool) -> String {
        let short = String(uuid.prefix(8))
        let oldName = names[uuid]
        let newName = columns["name"].map { $0.serializedString(sortingKeys: true) }
        var text = "  table \(table)"
        if let oldName {
            text += " row \(oldName) (\(short))\(isDiff ? " diff" : ""):\n"
        } else if let newName {
            text += " insert row \(newName) (\(short)):\n"
        } else {
            text += " insert row \(short):\n"
        }
        switch columns {
        case .object(let values):
            if verbosity > 1 {
                for (column, value) in values {
                    text += "    \(column)=\(Self.text(value, column: schema?.column(named: column)))\n"
                }
            }
            if let newName, oldName != newName {
                names[uuid] = newName
            } else if oldName == nil {
                names[uuid] = short
            }
        case .null:
            text += "    delete row\n"
            names[uuid] = nil
        default:
            break
        }
        return text
    }

    /// A column value in OVSDB's text syntax, or its JSON if it does not parse as the
    /// column's type (a diff larger than the type allows, for instance).
    private static func text(_ value: JSON, column: ColumnSchema?) -> String {
        if let column, let datum = try? Datum(json: value, type: column.type) {
            return datum.text(type: column.type)
        }
        return value.serializedString(sortingKeys: true)
    }

    /// `YYYY-MM-DD HH:MM:SS.mmm` in UTC.
    static func format(milliseconds: Int64) -> String {
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millis = Int(milliseconds % 1000)
        let fraction = millis < 10 ? "00\(millis)" : (millis < 100 ? "0\(millis)" : "\(millis)")
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(fraction)"
    }
}
