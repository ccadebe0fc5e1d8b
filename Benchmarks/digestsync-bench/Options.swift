import ArgumentParser
import Foundation

/// A comma-separated list of positive integers, e.g. `10,100,1000`.
struct IntList: ExpressibleByArgument {
    let values: [Int]

    init?(argument: String) {
        let parts = argument.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        values = parts.compactMap { $0 }
    }

    init(_ values: [Int]) {
        self.values = values
    }

    var defaultValueDescription: String { values.map(String.init).joined(separator: ",") }
}

/// An inclusive range of ratios `START:END:STEP`, e.g. `1.2:4.0:0.05` (END included).
struct RatioRange: ExpressibleByArgument {
    let values: [Double]
    private let text: String

    init?(argument: String) {
        let parts = argument.split(separator: ":").compactMap { Double($0) }
        guard parts.count == 3, parts[0] > 0, parts[1] >= parts[0], parts[2] > 0 else { return nil }
        let steps = Int(((parts[1] - parts[0]) / parts[2] + 1e-9).rounded(.down))
        values = (0...steps).map { ((parts[0] + Double($0) * parts[2]) * 1e6).rounded() / 1e6 }
        text = argument
    }

    var defaultValueDescription: String { text }
}

/// A comma-separated list of shares between 0 and 1, e.g. `0,0.01,0.3`.
struct FractionList: ExpressibleByArgument {
    let values: [Double]

    init?(argument: String) {
        let parts = argument.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0.map((0...1).contains) ?? false }) else { return nil }
        values = parts.compactMap { $0 }
    }

    init(_ values: [Double]) {
        self.values = values
    }

    var defaultValueDescription: String { values.map { "\($0)" }.joined(separator: ",") }
}

/// A comma-separated list of distinct names of `Choice`'s cases, e.g. `digest,full`.
struct ChoiceList<Choice: RawRepresentable & CaseIterable & Hashable>: ExpressibleByArgument where Choice.RawValue == String {
    let values: [Choice]

    init?(argument: String) {
        let parts = argument.split(separator: ",").map { Choice(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
        let choices = parts.compactMap { $0 }
        guard !parts.isEmpty, choices.count == parts.count, Set(choices).count == choices.count else { return nil }
        values = choices
    }

    init(_ values: [Choice]) {
        self.values = values
    }

    var defaultValueDescription: String { values.map(\.rawValue).joined(separator: ",") }
}
