import Foundation

/// One JSON object on one line, fields in the order given: the `--json` output of every
/// experiment, and the input of `report`.
struct JSONLine {
    enum Value {
        case int(Int)
        case double(Double)
        case bool(Bool)
        case string(String)
    }

    var fields: [(String, Value)] = []

    mutating func add(_ name: String, _ value: Int) { fields.append((name, .int(value))) }
    mutating func add(_ name: String, _ value: Double) { fields.append((name, .double(value))) }
    mutating func add(_ name: String, _ value: Bool) { fields.append((name, .bool(value))) }
    mutating func add(_ name: String, _ value: String) { fields.append((name, .string(value))) }

    var text: String {
        let body = fields.map { name, value in
            let rendered: String
            switch value {
            case .int(let number): rendered = String(number)
            case .double(let number): rendered = number.isFinite ? String(format: "%.6g", number) : "null"
            case .bool(let flag): rendered = flag ? "true" : "false"
            case .string(let string): rendered = "\"" + string.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"") + "\""
            }
            return "\"\(name)\":\(rendered)"
        }
        return "{" + body.joined(separator: ",") + "}"
    }

    /// The fields as display strings, for tables.
    var cells: [String] {
        fields.map { _, value in
            switch value {
            case .int(let number): String(number)
            case .double(let number): String(format: "%.4g", number)
            case .bool(let flag): flag ? "yes" : "no"
            case .string(let string): string
            }
        }
    }
}

/// Prints experiment results: JSON lines with `--json`, otherwise an aligned table on
/// standard output and a progress bar on standard error.
struct ResultPrinter {
    let json: Bool
    let total: Int
    private var done = 0
    private var rows: [JSONLine] = []

    init(json: Bool, total: Int) {
        self.json = json
        self.total = total
    }

    mutating func emit(_ line: JSONLine) {
        done += 1
        if json {
            FileHandle.standardOutput.write(Data((line.text + "\n").utf8))
        } else {
            rows.append(line)
            drawProgress()
        }
    }

    /// Ends the run: the table, when not printing JSON.
    mutating func finish() {
        guard !json, let first = rows.first else { return }
        FileHandle.standardError.write(Data("\r\u{1b}[K".utf8))
        print(TextTable(header: first.fields.map(\.0), rows: rows.map(\.cells)).text)
    }

    private func drawProgress() {
        let width = 40
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total)".utf8))
    }
}

/// A plain-text table with right-aligned columns.
struct TextTable {
    let header: [String]
    let rows: [[String]]

    var text: String {
        let widths = header.indices.map { column in
            ([header[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
        }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  ")
        }
        return ([render(header)] + rows.map(render)).joined(separator: "\n")
    }
}

/// Nanoseconds in a measured duration.
func nanoseconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) * 1e9 + Double(parts.attoseconds) / 1e9
}

/// The `fraction` quantile of `values` (nearest rank), 0 for none.
func quantile(_ values: [Double], _ fraction: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
}
