import NIOCore
import OVSDB

/// Writes one table-updates object: tables, then per table its row updates, with the
/// braces and commas in place and empty tables left out.
///
/// Row updates follow OVS's `ovsdb_monitor_compose_row_update()` (v1) and
/// `ovsdb_monitor_compose_row_update2()` (v2, v3): v1 writes the selected columns in
/// `new` (including defaults) and, for a modification, the changed ones in `old`; v2
/// writes `initial`/`insert` without default-valued columns, `modify` as the diffs of
/// the changed columns (``OVSDB/Datum/diff(to:type:)``), `delete` as null. A
/// modification that changes none of the columns that report modifications writes
/// nothing (OVS 3.1.0 writes an empty `modify` when only a condition column changed).
struct UpdateWriter {
    /// The row format.
    let format: UpdateFormat
    private var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var tableCount = 0
    private var tableStart = 0
    private var rowCount = 0

    init(format: UpdateFormat) {
        self.format = format
    }

    /// True if no table has a row update yet.
    var isEmpty: Bool { tableCount == 0 }

    /// Starts the object of `plan`'s table.
    mutating func beginTable(_ plan: TablePlan) {
        tableStart = bytes.count
        if tableCount > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(contentsOf: plan.quotedName)
        bytes.append(UInt8(ascii: "{"))
        rowCount = 0
    }

    /// Ends the current table, removing it if it got no row update.
    mutating func endTable() {
        if rowCount == 0 {
            bytes.removeLast(bytes.count - tableStart)
        } else {
            bytes.append(UInt8(ascii: "}"))
            tableCount += 1
        }
    }

    /// Closes the object and returns it.
    mutating func finish() -> ByteBuffer {
        bytes.append(UInt8(ascii: "}"))
        return ByteBuffer(bytes: bytes)
    }

    /// Writes the update of row `uuid` (from `old` to `new`) as `kind`, which
    /// ``TablePlan/kind(old:new:initial:oldCondition:)`` chose.
    mutating func row(_ uuid: OVSDBUUID, old: Row?, new: Row?, kind: MonitorSelection, plan: TablePlan) {
        var changed: [Int] = []
        if kind == .modify {
            guard let old, let new else { return }
            changed = plan.modifyColumns.filter { old.values[$0] != new.values[$0] }
            if changed.isEmpty { return }
        }
        if rowCount > 0 { bytes.append(UInt8(ascii: ",")) }
        rowCount += 1
        bytes.append(UInt8(ascii: "\""))
        uuid.appendText(to: &bytes)
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        switch format {
        case .rows: rowUpdate(old: old, new: new, kind: kind, changed: changed, plan: plan)
        case .diffs: rowUpdate2(old: old, new: new, kind: kind, changed: changed, plan: plan)
        }
    }

    private mutating func rowUpdate(old: Row?, new: Row?, kind: MonitorSelection, changed: [Int], plan: TablePlan) {
        bytes.append(UInt8(ascii: "{"))
        if let new, kind != .delete {
            append("\"new\":")
            new.appendJSON(table: plan.schema, columns: plan.columns(for: kind), to: &bytes)
        }
        if let old, kind == .delete || kind == .modify {
            if kind == .modify { bytes.append(UInt8(ascii: ",")) }
            append("\"old\":")
            old.appendJSON(table: plan.schema, columns: kind == .delete ? plan.deleteColumns : changed, to: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func rowUpdate2(old: Row?, new: Row?, kind: MonitorSelection, changed: [Int], plan: TablePlan) {
        switch kind {
        case .delete:
            append("{\"delete\":null}")
        case .modify:
            guard let old, let new else { return }
            append("{\"modify\":{")
            for (position, index) in changed.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(contentsOf: plan.quotedColumnNames[index])
                let type = plan.schema.columns[index].type
                old.values[index].diff(to: new.values[index], type: type).appendJSON(type: type, to: &bytes)
            }
            append("}}")
        default:
            guard let new else { return }
            append(kind == .initial ? "{\"initial\":" : "{\"insert\":")
            new.appendJSON(table: plan.schema, columns: plan.columns(for: kind), omittingDefaults: true, to: &bytes)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }
}
