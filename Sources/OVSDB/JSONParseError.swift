/// Bounds the parser and the stream framer enforce on untrusted input.
///
/// Every bound violation is a ``JSONParseError``, never a crash. The defaults suit an
/// OVSDB server: OVS's own nesting limit (`JSON_MAX_HEIGHT`, 1000), and sizes far above
/// any real message while still refusing to buffer without end.
public struct JSONParserLimits: Hashable, Sendable {
    /// Maximum nesting of arrays and objects (OVS: 1000).
    public var maxDepth: Int
    /// Maximum size in bytes of one document given to the parser, or of one top-level
    /// value (from its first byte to its last) in a ``JSONStreamFramer``.
    public var maxBytes: Int
    /// Maximum size in bytes of one string once unescaped (UTF-8).
    public var maxStringBytes: Int

    /// Limits with the given bounds.
    public init(maxDepth: Int = 1000, maxBytes: Int = 1 << 30, maxStringBytes: Int = 1 << 26) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
        self.maxStringBytes = maxStringBytes
    }

    /// 1000 levels, 1 GiB per value, 64 MiB per string.
    public static let `default` = JSONParserLimits()
}

/// Why JSON text was rejected, and where.
///
/// The reasons and their messages follow OVS's `lib/json.c` where OVS rejects the same
/// input; the remaining ones are DigestSync's own bounds (``JSONParserLimits``) and the
/// UTF-8 checks OVS leaves to later stages (DigestSync strings are always valid UTF-8).
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Hashable, Sendable {
        /// The input held nothing but whitespace.
        case emptyInput
        /// The input ended inside a value.
        case unexpectedEnd
        /// The input ended inside a quoted string.
        case unexpectedEndInString
        /// A top-level value is not an object or an array.
        case syntaxErrorAtBeginning
        /// Something other than whitespace follows the top-level value.
        case trailingGarbage
        /// A value was expected (e.g. after `[`, `,` or `:`).
        case expectedValue
        /// An object member name (a string) was expected.
        case expectedMemberName
        /// `:` was expected after a member name.
        case expectedColon
        /// `,` or `}` was expected.
        case expectedCommaOrObjectEnd
        /// `,` or `]` was expected.
        case expectedCommaOrArrayEnd
        /// A byte that cannot start a token.
        case invalidCharacter(UInt8)
        /// A word that is not `true`, `false` or `null`.
        case invalidKeyword(String)
        /// A number starts with `0` followed by a digit.
        case leadingZeros
        /// `-` not followed by a digit.
        case minusWithoutDigit
        /// `.` not followed by a digit.
        case decimalPointWithoutDigit
        /// An exponent without digits.
        case exponentWithoutDigit
        /// An exponent too large to represent.
        case exponentOutOfRange
        /// Characters after a well-formed number that belong to no number.
        case malformedNumber
        /// A number beyond the range of a double, or one that would underflow to a
        /// subnormal value (glibc's `strtod()` reports `ERANGE`, and OVS refuses it).
        case numberOutOfRange
        /// A control character (below U+0020) appears unescaped in a string.
        case unescapedControlCharacter(UInt8)
        /// An unknown escape such as `\x`.
        case invalidEscape(UInt8)
        /// The string ends within the four hex digits of `\u`.
        case truncatedUnicodeEscape
        /// `\u` not followed by four hex digits.
        case malformedUnicodeEscape
        /// `\u0000`: OVS strings cannot hold NUL.
        case nullCharacter
        /// A leading surrogate not followed by `\u`.
        case malformedSurrogatePair
        /// A leading surrogate followed by a `\u` escape that is not a trailing one.
        case secondHalfNotTrailingSurrogate
        /// A trailing surrogate without a leading one (OVS would store invalid UTF-8).
        case loneTrailingSurrogate
        /// Bytes that are not well-formed UTF-8 inside a string.
        case invalidUTF8
        /// Nesting deeper than the limit.
        case tooDeep(limit: Int)
        /// A value larger than the limit.
        case tooLarge(limit: Int)
        /// A string longer than the limit.
        case stringTooLong(limit: Int)
    }

    /// What was wrong.
    public var reason: Reason
    /// Offset in bytes, from the start of the input (or of the stream, for
    /// ``JSONStreamFramer``), of the byte or token where the problem was found.
    public var byteOffset: Int

    /// An error for `reason` at `byteOffset`.
    public init(_ reason: Reason, at byteOffset: Int) {
        self.reason = reason
        self.byteOffset = byteOffset
    }

    /// "byte N: message", with OVS's message text where OVS has one.
    public var description: String {
        "byte \(byteOffset): \(message)"
    }

    /// The message alone, without the position.
    public var message: String {
        switch reason {
        case .emptyInput: return "empty input stream"
        case .unexpectedEnd: return "unexpected end of input"
        case .unexpectedEndInString: return "unexpected end of input in quoted string"
        case .syntaxErrorAtBeginning: return "syntax error at beginning of input"
        case .trailingGarbage: return "trailing garbage at end of input"
        case .expectedValue: return "syntax error expecting value"
        case .expectedMemberName: return "syntax error parsing object expecting string"
        case .expectedColon: return "syntax error parsing object expecting ':'"
        case .expectedCommaOrObjectEnd: return "syntax error expecting '}' or ','"
        case .expectedCommaOrArrayEnd: return "syntax error expecting ']' or ','"
        case .invalidCharacter(let byte):
            if byte >= 0x20 && byte < 0x7F {
                return "invalid character '\(Character(Unicode.Scalar(byte)))'"
            }
            return "invalid character U+\(Self.hex4(byte, uppercase: false))"
        case .invalidKeyword(let word): return "invalid keyword '\(word)'"
        case .leadingZeros: return "leading zeros not allowed"
        case .minusWithoutDigit: return "'-' must be followed by digit"
        case .decimalPointWithoutDigit: return "decimal point must be followed by digit"
        case .exponentWithoutDigit: return "exponent must contain at least one digit"
        case .exponentOutOfRange: return "exponent outside valid range"
        case .malformedNumber: return "syntax error in number"
        case .numberOutOfRange: return "number outside valid range"
        case .unescapedControlCharacter(let byte):
            return "U+\(Self.hex4(byte, uppercase: true)) must be escaped in quoted string"
        case .invalidEscape(let byte):
            return "bad escape \\\(Character(Unicode.Scalar(byte)))"
        case .truncatedUnicodeEscape: return "quoted string ends within \\u escape"
        case .malformedUnicodeEscape: return "malformed \\u escape"
        case .nullCharacter: return "null bytes not supported in quoted strings"
        case .malformedSurrogatePair: return "malformed escaped surrogate pair"
        case .secondHalfNotTrailingSurrogate:
            return "second half of escaped surrogate pair is not trailing surrogate"
        case .loneTrailingSurrogate: return "escaped trailing surrogate without leading surrogate"
        case .invalidUTF8: return "invalid UTF-8 sequence in quoted string"
        case .tooDeep(let limit): return "input exceeds maximum nesting depth \(limit)"
        case .tooLarge(let limit): return "input exceeds maximum size of \(limit) bytes"
        case .stringTooLong(let limit): return "quoted string exceeds maximum length of \(limit) bytes"
        }
    }

    private static func hex4(_ byte: UInt8, uppercase: Bool) -> String {
        let digits = String(byte, radix: 16, uppercase: uppercase)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
