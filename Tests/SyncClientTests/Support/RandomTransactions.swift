import BenchmarkSupport
import OVSDB

/// Random transactions on the test schema, from a model of which rows exist: inserts of
/// every table, updates and mutations of random columns, deletes, a few operations each.
/// Values come from small domains, so rows keep moving in and out of the tests'
/// conditions.
struct RandomTransactions {
    var generator: SplitMix64
    /// The rows that exist, per table.
    var rows: [String: [OVSDBUUID]] = ["Simple": [], "Child": [], "Tagged": []]

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    /// One transaction of 1 to 3 operations.
    mutating func next() -> [JSON] {
        (0..<Int.random(in: 1...3, using: &generator)).map { _ in operation() }
    }

    /// Learns the UUIDs of the rows the transaction inserted, and forgets deleted rows.
    mutating func record(_ operations: [JSON], results: [JSON]) {
        for (operation, result) in zip(operations, results) {
            guard let table = operation["table"]?.stringValue else { continue }
            switch operation["op"]?.stringValue {
            case "insert":
                if let text = result["uuid"]?[1]?.stringValue, let uuid = OVSDBUUID(text) { rows[table, default: []].append(uuid) }
            case "delete":
                if let text = operation["where"]?[0]?[2]?[1]?.stringValue, let uuid = OVSDBUUID(text) {
                    rows[table]?.removeAll { $0 == uuid }
                }
            default: break
            }
        }
    }

    private mutating func operation() -> JSON {
        let table = ["Simple", "Child", "Tagged"][Int.random(in: 0..<3, using: &generator)]
        let existing = rows[table] ?? []
        let kind = existing.isEmpty ? 0 : Int.random(in: 0..<4, using: &generator)
        guard kind > 0, let target = existing.randomElement(using: &generator) else {
            return ["op": "insert", "table": .string(table), "row": row(table)]
        }
        let whereTarget: JSON = [["_uuid", "==", ["uuid", .string(target.description)]]]
        switch kind {
        case 1:
            return ["op": "update", "table": .string(table), "where": whereTarget, "row": row(table, partial: true)]
        case 2:
            return ["op": "mutate", "table": .string(table), "where": whereTarget, "mutations": mutations(table)]
        default:
            return ["op": "delete", "table": .string(table), "where": whereTarget]
        }
    }

    private mutating func small(_ range: ClosedRange<Int64>) -> JSON {
        .integer(Int64.random(in: range, using: &generator))
    }

    private mutating func word() -> JSON {
        .string(["a", "b", "c", "d", ""][Int.random(in: 0..<5, using: &generator)])
    }

    private mutating func row(_ table: String, partial: Bool = false) -> JSON {
        var row = JSONObject()
        switch table {
        case "Simple":
            row["name"] = word()
            row["i"] = small(-3...3)
            row["b"] = .bool(Bool.random(using: &generator))
            row["r"] = .real(Double(Int.random(in: 0...8, using: &generator)) / 4 + 0.125)
            let words = ["a", "b", "c", "d", ""].shuffled(using: &generator).prefix(Int.random(in: 0...3, using: &generator))
            row["s"] = ["set", .array(words.map { .string($0) })]
            row["m"] = ["map", .array((0..<Int.random(in: 0...2, using: &generator)).map { n in [.string("k\(n)"), word()] })]
            row["opt"] = Bool.random(using: &generator) ? ["set", []] : small(0...5)
            if let child = rows["Child"]?.randomElement(using: &generator) {
                row["ref"] = ["set", [["uuid", .string(child.description)]]]
            }
        case "Child":
            row["k"] = small(0...100)
            row["tag"] = word()
        default:
            row["key"] = word()
            row["n"] = small(90...110)
            row["labels"] = ["map", .array((0..<Int.random(in: 0...2, using: &generator)).map { n in [.string("l\(n)"), small(0...3)] })]
        }
        guard partial else { return .object(row) }
        let entries = row.map { ($0.key, $0.value) }
        let kept = entries.filter { _ in Bool.random(using: &generator) }
        return .object(JSONObject(kept.isEmpty ? Array(entries.prefix(1)) : kept))
    }

    private mutating func mutations(_ table: String) -> JSON {
        switch table {
        case "Simple":
            return Bool.random(using: &generator)
                ? [["s", "insert", ["set", [word()]]], ["i", "+=", 1]]
                : [["s", "delete", ["set", [word()]]], ["m", "delete", ["set", ["k0"]]]]
        case "Child":
            return [["k", "+=", small(1...20)]]
        default:
            return Bool.random(using: &generator)
                ? [["labels", "insert", ["map", [["l9", small(0...3)]]]], ["n", "-=", 3]]
                : [["labels", "delete", ["set", ["l0"]]], ["n", "+=", 3]]
        }
    }
}
