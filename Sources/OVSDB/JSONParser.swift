extension JSON {
    /// Parses one JSON document from UTF-8 bytes.
    ///
    /// Accepts what OVS's `json_from_string()` accepts and rejects what it rejects: the
    /// top-level value must be an object or an array, only whitespace may follow it,
    /// NaN, infinities, subnormal numbers, `\u0000` and malformed escapes are refused.
    /// In addition every string must be valid UTF-8 (OVS leaves that check to the
    /// OVSDB layer) and the input must respect `limits`.
    public init(parsing bytes: UnsafeRawBufferPointer, limits: JSONParserLimits = .default) throws(JSONParseError) {
        var parser = JSONParser(bytes.assumingMemoryBound(to: UInt8.self), limits: limits)
        self = try parser.parseDocument()
    }

    /// Parses one JSON document from UTF-8 bytes (see ``init(parsing:limits:)-(UnsafeRawBufferPointer,_)``).
    public init(parsing bytes: [UInt8], limits: JSONParserLimits = .default) throws(JSONParseError) {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) -> JSON in try JSON(parsing: buffer, limits: limits) }
        }
        self = try result.get()
    }

    /// Parses one JSON document from text (see ``init(parsing:limits:)-(UnsafeRawBufferPointer,_)``).
    public init(parsing text: String, limits: JSONParserLimits = .default) throws(JSONParseError) {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSON in
                try JSON(parsing: UnsafeRawBufferPointer(buffer), limits: limits)
            }
        }
        self = try result.get()
    }
}

/// The JSON parser: an iterative state machine with the same states as OVS's
/// `json_parser_input()`, building values on a flat stack (no recursion, so the nesting
/// limit, not the thread's stack size, bounds the depth).
struct JSONParser {
    private enum Token {
        case beginArray, endArray, beginObject, endObject, colon, comma
        /// A number or keyword, already pushed on `values`.
        case scalar
        /// A string, already pushed on `keys` or `values`.
        case string
        case end
    }

    private enum State {
        case start, end
        case objectInit, objectName, objectColon, objectValue, objectNext
        case arrayInit, arrayValue, arrayNext
    }

    private struct Frame {
        var isObject: Bool
        var valueStart: Int
        var keyStart: Int
    }

    let input: UnsafeBufferPointer<UInt8>
    var position = 0
    let limits: JSONParserLimits
    private let values = ParserStack<JSON>()
    private let keys = ParserStack<String>()
    private var frames: [Frame] = []
    var scratch: [UInt8] = []

    init(_ input: UnsafeBufferPointer<UInt8>, limits: JSONParserLimits) {
        self.input = input
        self.limits = limits
    }

    /// Parses the whole input as one document.
    mutating func parseDocument() throws(JSONParseError) -> JSON {
        if input.count > limits.maxBytes {
            throw JSONParseError(.tooLarge(limit: limits.maxBytes), at: limits.maxBytes)
        }
        var state = State.start
        while true {
            skipWhitespace()
            let tokenStart = position
            let token = try lexToken(memberNameExpected: state == .objectInit || state == .objectName)
            switch state {
            case .start:
                switch token {
                case .beginObject, .beginArray:
                    state = try open(token, at: tokenStart)
                case .end:
                    throw JSONParseError(.emptyInput, at: tokenStart)
                default:
                    throw JSONParseError(.syntaxErrorAtBeginning, at: tokenStart)
                }
            case .end:
                guard case .end = token else {
                    throw JSONParseError(.trailingGarbage, at: tokenStart)
                }
                return values.pop()
            case .objectInit, .objectName:
                if case .objectInit = state, case .endObject = token {
                    state = closeObject()
                } else if case .string = token {
                    state = .objectColon
                } else {
                    throw Self.error(token, expected: .expectedMemberName, at: tokenStart)
                }
            case .objectColon:
                guard case .colon = token else {
                    throw Self.error(token, expected: .expectedColon, at: tokenStart)
                }
                state = .objectValue
            case .objectValue:
                state = try acceptValue(token, next: .objectNext, at: tokenStart)
            case .objectNext:
                switch token {
                case .comma: state = .objectName
                case .endObject: state = closeObject()
                default: throw Self.error(token, expected: .expectedCommaOrObjectEnd, at: tokenStart)
                }
            case .arrayInit:
                if case .endArray = token {
                    state = closeArray()
                } else {
                    state = try acceptValue(token, next: .arrayNext, at: tokenStart)
                }
            case .arrayValue:
                state = try acceptValue(token, next: .arrayNext, at: tokenStart)
            case .arrayNext:
                switch token {
                case .comma: state = .arrayValue
                case .endArray: state = closeArray()
                default: throw Self.error(token, expected: .expectedCommaOrArrayEnd, at: tokenStart)
                }
            }
        }
    }

    /// The error for an unexpected token: the end of input is always "unexpected end".
    private static func error(_ token: Token, expected: JSONParseError.Reason, at offset: Int) -> JSONParseError {
        if case .end = token {
            return JSONParseError(.unexpectedEnd, at: offset)
        }
        return JSONParseError(expected, at: offset)
    }

    private mutating func acceptValue(_ token: Token, next: State, at offset: Int) throws(JSONParseError) -> State {
        switch token {
        case .scalar:
            return next
        case .string:
            return next
        case .beginArray, .beginObject:
            return try open(token, at: offset)
        default:
            throw Self.error(token, expected: .expectedValue, at: offset)
        }
    }

    private mutating func open(_ token: Token, at offset: Int) throws(JSONParseError) -> State {
        guard frames.count < limits.maxDepth else {
            throw JSONParseError(.tooDeep(limit: limits.maxDepth), at: offset)
        }
        let isObject: Bool
        if case .beginObject = token { isObject = true } else { isObject = false }
        frames.append(Frame(isObject: isObject, valueStart: values.count, keyStart: keys.count))
        return isObject ? .objectInit : .arrayInit
    }

    private mutating func closeArray() -> State {
        let frame = frames.removeLast()
        values.push(.array(values.moveOut(from: frame.valueStart)))
        return stateAfterClose()
    }

    private mutating func closeObject() -> State {
        let frame = frames.removeLast()
        let members = keys.moveOut(from: frame.keyStart, pairedWith: values, from: frame.valueStart)
        values.push(.object(JSONObject(parsedMembers: members)))
        return stateAfterClose()
    }

    private func stateAfterClose() -> State {
        guard let parent = frames.last else { return .end }
        return parent.isObject ? .objectNext : .arrayNext
    }

    private mutating func skipWhitespace() {
        while position < input.count {
            switch input[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// Lexes the next token. A string goes onto `keys` when `memberNameExpected`,
    /// otherwise onto `values` (where a misplaced string is harmless: it is an error).
    private mutating func lexToken(memberNameExpected: Bool) throws(JSONParseError) -> Token {
        guard position < input.count else { return .end }
        let byte = input[position]
        switch byte {
        case UInt8(ascii: "["): position += 1; return .beginArray
        case UInt8(ascii: "]"): position += 1; return .endArray
        case UInt8(ascii: "{"): position += 1; return .beginObject
        case UInt8(ascii: "}"): position += 1; return .endObject
        case UInt8(ascii: ":"): position += 1; return .colon
        case UInt8(ascii: ","): position += 1; return .comma
        case UInt8(ascii: "\""):
            let string = try lexString()
            if memberNameExpected {
                keys.push(string)
            } else {
                values.push(.string(string))
            }
            return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            values.push(try lexNumber())
            return .scalar
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
            values.push(try lexKeyword())
            return .scalar
        default:
            throw JSONParseError(.invalidCharacter(byte), at: position)
        }
    }

    /// A keyword: a lowercase letter followed by letters, as OVS's lexer delimits it.
    private mutating func lexKeyword() throws(JSONParseError) -> JSON {
        let start = position
        while position < input.count, Self.isLetter(input[position]) {
            position += 1
        }
        let word = UnsafeBufferPointer(rebasing: input[start..<position])
        if word.elementsEqual("true".utf8) { return .bool(true) }
        if word.elementsEqual("false".utf8) { return .bool(false) }
        if word.elementsEqual("null".utf8) { return .null }
        let shown = String(decoding: word.prefix(64), as: UTF8.self)
        throw JSONParseError(.invalidKeyword(shown), at: start)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}
