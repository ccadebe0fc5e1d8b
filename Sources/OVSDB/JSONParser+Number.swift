/// Numbers: OVS's `json_lex_number()`.
///
/// A number token is the longest run of the bytes `.0123456789eE-+` (so `1-2` is one
/// malformed token, as in OVS). Its value decides its type: the significand and the
/// power of ten are normalised, and if the result is an integer within 64 bits it is
/// `.integer` (so `1.0`, `1e2` and `100e-2` are integers); otherwise it is converted
/// with `strtod()` semantics into `.real`, refusing results that overflow or are
/// subnormal (glibc reports `ERANGE` for both), and turning `-0` into `0`.
extension JSONParser {
    /// Lexes the number starting at `position`.
    mutating func lexNumber() throws(JSONParseError) -> JSON {
        let start = position
        var end = start
        while end < input.count, Self.isNumberByte(input[end]) {
            end += 1
        }
        position = end
        let token = UnsafeBufferPointer(rebasing: input[start..<end])
        if let small = Self.smallInteger(token) {
            return .integer(small)
        }
        return try Self.number(token, at: start)
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"),
             UInt8(ascii: "E"), UInt8(ascii: "-"), UInt8(ascii: "+"):
            return true
        default:
            return false
        }
    }

    private static func digit(_ byte: UInt8) -> UInt64? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? UInt64(byte - UInt8(ascii: "0")) : nil
    }

    /// The fast path: an optional minus and 1 to 18 digits without a leading zero.
    private static func smallInteger(_ token: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        let negative = token.first == UInt8(ascii: "-")
        if negative { index = 1 }
        let digits = token.count - index
        guard digits >= 1, digits <= 18, token[index] != UInt8(ascii: "0") else { return nil }
        var value: Int64 = 0
        while index < token.count {
            guard let digit = digit(token[index]) else { return nil }
            value = value * 10 + Int64(digit)
            index += 1
        }
        return negative ? -value : value
    }

    /// The general case, step by step as `json_lex_number()` does it.
    static func number(_ token: UnsafeBufferPointer<UInt8>, at offset: Int) throws(JSONParseError) -> JSON {
        // Reading past the end yields 0, like the C string's terminating NUL.
        func at(_ index: Int) -> UInt8 { index < token.count ? token[index] : 0 }

        var index = 0
        var significand: UInt64 = 0
        var pow10 = 0
        var imprecise = false
        let negative = at(0) == UInt8(ascii: "-")
        if negative { index += 1 }

        if at(index) == UInt8(ascii: "0") {
            index += 1
            if digit(at(index)) != nil { throw JSONParseError(.leadingZeros, at: offset) }
        } else if digit(at(index)) != nil {
            while let value = digit(at(index)) {
                if significand <= UInt64.max / 10 {
                    significand = significand &* 10 &+ value
                } else {
                    pow10 += 1
                    if value != 0 { imprecise = true }
                }
                index += 1
            }
        } else {
            throw JSONParseError(.minusWithoutDigit, at: offset)
        }

        if at(index) == UInt8(ascii: ".") {
            index += 1
            if digit(at(index)) == nil { throw JSONParseError(.decimalPointWithoutDigit, at: offset) }
            while let value = digit(at(index)) {
                if significand <= UInt64.max / 10 {
                    significand = significand &* 10 &+ value
                    pow10 -= 1
                } else if value != 0 {
                    imprecise = true
                }
                index += 1
            }
        }

        if at(index) == UInt8(ascii: "e") || at(index) == UInt8(ascii: "E") {
            index += 1
            var negativeExponent = false
            if at(index) == UInt8(ascii: "+") {
                index += 1
            } else if at(index) == UInt8(ascii: "-") {
                negativeExponent = true
                index += 1
            }
            if digit(at(index)) == nil { throw JSONParseError(.exponentWithoutDigit, at: offset) }
            var exponent = 0
            while let value = digit(at(index)) {
                if exponent >= Int(Int32.max) / 10 { throw JSONParseError(.exponentOutOfRange, at: offset) }
                exponent = exponent * 10 + Int(value)
                index += 1
            }
            if negativeExponent {
                if pow10 < Int(Int32.min) + exponent { throw JSONParseError(.exponentOutOfRange, at: offset) }
                pow10 -= exponent
            } else {
                if pow10 > Int(Int32.max) - exponent { throw JSONParseError(.exponentOutOfRange, at: offset) }
                pow10 += exponent
            }
        }

        if index != token.count { throw JSONParseError(.malformedNumber, at: offset) }
        if significand == 0 { return .integer(0) }
        if !imprecise, let integer = exactInteger(significand, pow10: pow10, negative: negative) {
            return .integer(integer)
        }
        return try real(token, at: offset)
    }

    /// The integer `significand * 10^pow10` if it is one within 64 bits.
    private static func exactInteger(_ significand: UInt64, pow10: Int, negative: Bool) -> Int64? {
        var significand = significand
        var pow10 = pow10
        while pow10 > 0 && significand < UInt64.max / 10 {
            significand *= 10
            pow10 -= 1
        }
        while pow10 < 0 && significand % 10 == 0 {
            significand /= 10
            pow10 += 1
        }
        let limit = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        guard pow10 == 0, significand <= limit else { return nil }
        return negative ? Int64(bitPattern: 0 &- significand) : Int64(significand)
    }

    /// The token converted as `strtod()` does, with OVS's range policy.
    private static func real(_ token: UnsafeBufferPointer<UInt8>, at offset: Int) throws(JSONParseError) -> JSON {
        guard let value = Double(String(decoding: token, as: UTF8.self)) else {
            throw JSONParseError(.malformedNumber, at: offset)
        }
        if !value.isFinite || value.isSubnormal {
            throw JSONParseError(.numberOutOfRange, at: offset)
        }
        return .real(value == 0 ? 0 : value)
    }
}
