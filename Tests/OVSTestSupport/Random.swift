import OVSDB

/// Random JSON values in the canonical forms the parser produces: integers for
/// integral numbers, reals with at most 15 significant digits that are not integral (so
/// OVS's `%.15g` writes them back exactly), valid Unicode strings.
public enum RandomJSON {
    /// A random top-level document (an array or an object).
    public static func document(using generator: inout some RandomNumberGenerator) -> JSON {
        Bool.random(using: &generator)
            ? .array((0..<Int.random(in: 0..<6, using: &generator)).map { _ in value(depth: 1, using: &generator) })
            : .object(object(depth: 1, using: &generator))
    }

    /// A random value nested `depth` levels deep.
    public static func value(depth: Int, using generator: inout some RandomNumberGenerator) -> JSON {
        let kinds = depth >= 4 ? 5 : 7
        switch Int.random(in: 0..<kinds, using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .integer(integer(using: &generator))
        case 3: return .real(real(using: &generator))
        case 4: return .string(string(using: &generator))
        case 5: return .array((0..<Int.random(in: 0..<5, using: &generator)).map { _ in value(depth: depth + 1, using: &generator) })
        default: return .object(object(depth: depth + 1, using: &generator))
        }
    }

    /// A random object nested `depth` levels deep.
    public static func object(depth: Int, using generator: inout some RandomNumberGenerator) -> JSONObject {
        var object = JSONObject()
        for _ in 0..<Int.random(in: 0..<12, using: &generator) {
            object[string(using: &generator)] = value(depth: depth, using: &generator)
        }
        return object
    }

    /// A random integer, small, medium or anywhere in range.
    public static func integer(using generator: inout some RandomNumberGenerator) -> Int64 {
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: return Int64.random(in: -10...10, using: &generator)
        case 1: return Int64.random(in: -1_000_000...1_000_000, using: &generator)
        default: return Int64.random(in: .min ... .max, using: &generator)
        }
    }

    /// A non-integral real with at most 15 significant digits.
    public static func real(using generator: inout some RandomNumberGenerator) -> Double {
        while true {
            let mantissa = Int64.random(in: -999_999_999_999_999...999_999_999_999_999, using: &generator)
            let exponent = Int.random(in: -40...10, using: &generator)
            guard let value = Double("\(mantissa)e\(exponent)"), value != value.rounded(),
                  value.isNormal else { continue }
            return value
        }
    }

    /// A random string of pieces that stress escaping and Unicode.
    public static func string(using generator: inout some RandomNumberGenerator) -> String {
        let pieces = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{01}", "\u{1F}", "\u{7F}",
                      "é", "e\u{301}", "€", "😀", "\u{FFFF}", "\u{10FFFF}", "name", "_uuid"]
        return (0..<Int.random(in: 0..<8, using: &generator))
            .map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
    }
}
