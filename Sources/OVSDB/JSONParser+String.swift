/// Quoted strings: OVS's `json_lex_string()` and `json_string_unescape()` rules, plus
/// UTF-8 validation.
extension JSONParser {
    /// Lexes the string whose opening quote is at `position` and moves past its
    /// closing quote.
    mutating func lexString() throws(JSONParseError) -> String {
        let start = position + 1
        let count = input.count
        var index = Self.skipPlainASCII(input, from: start)
        var allBits: UInt8 = 0
        while index < count {
            let byte = input[index]
            allBits |= byte
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                let bytes = UnsafeBufferPointer(rebasing: input[start..<index])
                return try makeString(bytes, isASCII: allBits < 0x80, quoteAt: start - 1)
            }
            if byte == UInt8(ascii: "\\") {
                return try lexEscapedString(contentStart: start, escapeAt: index)
            }
            if byte < 0x20 {
                throw JSONParseError(.unescapedControlCharacter(byte), at: index)
            }
            index += 1
        }
        throw JSONParseError(.unexpectedEndInString, at: count)
    }

    /// The index of the first byte from `start` on that may need attention (a quote, a
    /// backslash, a control character or a non-ASCII byte), found 8 bytes at a time.
    private static func skipPlainASCII(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = input.baseAddress else { return start }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var index = start
        while index + 8 <= input.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let quote = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
            let backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
            // A byte is zero in `v` when `(v - ones) & ~v` has its high bit set; bytes
            // below 0x20 likewise in `word - 0x20…`; non-ASCII bytes have it set already.
            let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                | ((word &- ones &* 0x20) & ~word) | word
            if special & highBits != 0 { return index }
            index += 8
        }
        return index
    }

    /// The slow path, from the first backslash on: unescapes into `scratch`.
    private mutating func lexEscapedString(contentStart: Int, escapeAt: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[contentStart..<escapeAt]))
        var index = escapeAt
        let count = input.count
        while index < count {
            if scratch.count > limits.maxStringBytes {
                throw JSONParseError(.stringTooLong(limit: limits.maxStringBytes), at: contentStart - 1)
            }
            let byte = input[index]
            switch byte {
            case UInt8(ascii: "\""):
                position = index + 1
                let bytes = scratch
                return try bytes.withUnsafeBufferPointer { buffer in
                    Result { () throws(JSONParseError) -> String in
                        try makeString(buffer, isASCII: false, quoteAt: contentStart - 1)
                    }
                }.get()
            case UInt8(ascii: "\\"):
                index = try unescape(at: index)
            case 0..<0x20:
                throw JSONParseError(.unescapedControlCharacter(byte), at: index)
            default:
                scratch.append(byte)
                index += 1
            }
        }
        throw JSONParseError(.unexpectedEndInString, at: count)
    }

    /// Decodes the escape whose backslash is at `index` into `scratch`; returns the
    /// index just past it.
    private mutating func unescape(at index: Int) throws(JSONParseError) -> Int {
        guard index + 1 < input.count else {
            throw JSONParseError(.unexpectedEndInString, at: input.count)
        }
        let escaped = input[index + 1]
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escaped)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"): return try unescapeUnicode(digitsAt: index + 2)
        default: throw JSONParseError(.invalidEscape(escaped), at: index)
        }
        return index + 2
    }

    /// Decodes `\uXXXX` (and a following `\uXXXX` for a surrogate pair) whose hex
    /// digits start at `index`; returns the index just past the escape.
    private mutating func unescapeUnicode(digitsAt index: Int) throws(JSONParseError) -> Int {
        let first = try hex4(at: index)
        var scalarValue = first
        var next = index + 4
        if (0xD800...0xDBFF).contains(first) {
            guard next + 1 < input.count,
                  input[next] == UInt8(ascii: "\\"), input[next + 1] == UInt8(ascii: "u")
            else {
                throw JSONParseError(.malformedSurrogatePair, at: index - 2)
            }
            let second = try hex4(at: next + 2)
            guard (0xDC00...0xDFFF).contains(second) else {
                throw JSONParseError(.secondHalfNotTrailingSurrogate, at: next)
            }
            scalarValue = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            next += 6
        } else if (0xDC00...0xDFFF).contains(first) {
            throw JSONParseError(.loneTrailingSurrogate, at: index - 2)
        }
        guard let scalar = Unicode.Scalar(scalarValue) else {
            throw JSONParseError(.malformedUnicodeEscape, at: index - 2)
        }
        UTF8.encode(scalar) { byte in scratch.append(byte) }
        return next
    }

    /// The value of the four hex digits at `index` (OVS's `json_lex_4hex()`).
    private func hex4(at index: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard index + offset < input.count else {
                throw JSONParseError(.unexpectedEndInString, at: input.count)
            }
            let byte = input[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            case UInt8(ascii: "\""): throw JSONParseError(.truncatedUnicodeEscape, at: index - 2)
            default: throw JSONParseError(.malformedUnicodeEscape, at: index - 2)
            }
            value = value << 4 | UInt32(digit)
        }
        if value == 0 {
            throw JSONParseError(.nullCharacter, at: index - 2)
        }
        return value
    }

    /// A `String` from unescaped bytes, after the length and UTF-8 checks.
    private func makeString(
        _ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool, quoteAt quote: Int
    ) throws(JSONParseError) -> String {
        if bytes.count > limits.maxStringBytes {
            throw JSONParseError(.stringTooLong(limit: limits.maxStringBytes), at: quote)
        }
        if !isASCII, let invalid = Self.firstInvalidUTF8(bytes) {
            throw JSONParseError(.invalidUTF8, at: quote + 1 + invalid)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The offset of the first byte that is not part of a well-formed UTF-8 sequence
    /// (Unicode Table 3-7, the table OVS's `utf8_validate()` also uses: no overlong
    /// forms, no surrogates, nothing above U+10FFFF), or nil if all are.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            let second = bytes[index + 1]
            guard second >= low && second <= high else { return index }
            for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
                return index
            }
            index += length
        }
        return nil
    }
}
