import Foundation

/// Progress of a long benchmark on standard error: on a terminal one bar redrawn in
/// place, otherwise one plain line per step (no escape sequences in logs or pipes).
struct ProgressReporter {
    let total: Int
    private(set) var done = 0
    private let isTerminal = isatty(STDERR_FILENO) != 0

    init(total: Int) {
        self.total = total
    }

    /// Shows `step` of the current item.
    func show(_ step: String) {
        if isTerminal {
            let width = 30
            let filled = total == 0 ? width : width * done / total
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            write("\r\u{1b}[K[\(bar)] \(done)/\(total) \(step)")
        } else {
            write("[\(done + 1)/\(total)] \(step)\n")
        }
    }

    /// Counts one item done.
    mutating func advance() {
        done += 1
    }

    /// A line of its own (clearing the bar on a terminal).
    func note(_ text: String) {
        write((isTerminal ? "\r\u{1b}[K" : "") + text + "\n")
    }

    /// Clears the bar at the end.
    func finish() {
        if isTerminal { write("\r\u{1b}[K") }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
