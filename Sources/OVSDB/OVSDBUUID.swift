/// A 128-bit OVSDB UUID: row identities, references between rows, transaction ids.
///
/// Named `OVSDBUUID` so it never clashes with Foundation's `UUID`. Stored as two 64-bit
/// halves, most significant first, which makes `<` the same order as OVS's
/// `uuid_compare_3way()` (its four 32-bit parts compared in turn) and as comparing the
/// canonical text.
public struct OVSDBUUID: Hashable, Comparable, Sendable {
    /// The first 16 hex digits of the canonical text.
    public var high: UInt64
    /// The last 16 hex digits of the canonical text.
    public var low: UInt64

    /// The UUID with the given halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The all-zero UUID: the default value of a `uuid` atom (RFC 7047 section 5.1) and
    /// the "no transaction id" of `monitor_cond_since`.
    public static let zero = OVSDBUUID(high: 0, low: 0)

    /// A random (version 4) UUID, as OVS's `uuid_generate()` makes for new rows, from
    /// system randomness fetched in blocks (``RandomPool``).
    public static func random() -> OVSDBUUID {
        var generator = RandomPool()
        return random(using: &generator)
    }

    /// A version 4 UUID drawn from `generator` (for reproducible tests).
    public static func random(using generator: inout some RandomNumberGenerator) -> OVSDBUUID {
        let high = (generator.next() & ~0xF000) | 0x4000
        let low = (generator.next() & ~0xC000_0000_0000_0000) | 0x8000_0000_0000_0000
        return OVSDBUUID(high: high, low: low)
    }

    /// Parses the canonical `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` form (hex digits in
    /// either case, as OVS's `uuid_from_string()` accepts); nil for anything else.
    public init?(_ text: String) {
        let parsed: OVSDBUUID? = UTF8Bytes.with(text) { Self.parse($0) }
        guard let parsed else { return nil }
        self = parsed
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> OVSDBUUID? {
        guard bytes.count == 36 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        var digits = 0
        for (offset, byte) in bytes.enumerated() {
            if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            if digits < 16 {
                high = high << 4 | UInt64(value)
            } else {
                low = low << 4 | UInt64(value)
            }
            digits += 1
        }
        return OVSDBUUID(high: high, low: low)
    }

    /// Appends the canonical lowercase text (36 bytes) to `output`.
    public func appendText(to output: inout [UInt8]) {
        var text: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &text) { buffer in
            var position = 0
            for digit in 0..<32 {
                if digit == 8 || digit == 12 || digit == 16 || digit == 20 {
                    buffer[position] = UInt8(ascii: "-")
                    position += 1
                }
                let half = digit < 16 ? high : low
                let shift = UInt64(60 - 4 * (digit % 16))
                buffer[position] = JSONSerializer.hexDigit(UInt8(truncatingIfNeeded: half >> shift) & 0xF)
                position += 1
            }
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<36]))
        }
    }

    /// Orders as OVS's `uuid_compare_3way()`.
    public static func < (lhs: OVSDBUUID, rhs: OVSDBUUID) -> Bool {
        lhs.high != rhs.high ? lhs.high < rhs.high : lhs.low < rhs.low
    }
}

extension OVSDBUUID: CustomStringConvertible {
    /// The canonical lowercase text, e.g. `550e8400-e29b-41d4-a716-446655440000`.
    public var description: String {
        var output: [UInt8] = []
        output.reserveCapacity(36)
        appendText(to: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
