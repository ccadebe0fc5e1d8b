/// Reads the members of a JSON object with OVS's checks and messages
/// (`lib/ovsdb-parser.c`): each member is looked up with the JSON types it may have,
/// and at the end any member nobody asked for is an error. Used for schemas, and by
/// the transaction engine for the members of each operation.
public struct MemberParser {
    /// The JSON types a member may have (OVS's `enum ovsdb_parser_types`).
    public struct Types: OptionSet, Sendable {
        /// The bits.
        public let rawValue: UInt16
        /// Types from raw bits.
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        /// `null`.
        public static let null = Types(rawValue: 1 << 0)
        /// `false`.
        public static let `false` = Types(rawValue: 1 << 1)
        /// `true`.
        public static let `true` = Types(rawValue: 1 << 2)
        /// An object.
        public static let object = Types(rawValue: 1 << 3)
        /// An array.
        public static let array = Types(rawValue: 1 << 4)
        /// An integer.
        public static let integer = Types(rawValue: 1 << 5)
        /// A number that is not an integer.
        public static let real = Types(rawValue: 1 << 6)
        /// A string.
        public static let string = Types(rawValue: 1 << 7)
        /// A string that is an identifier: `[_a-zA-Z][_a-zA-Z0-9]*`.
        public static let id = Types(rawValue: 1 << 8)
        /// The member may be absent.
        public static let optional = Types(rawValue: 1 << 9)
        /// `true` or `false`.
        public static let boolean: Types = [.false, .true]
        /// An integer or a real.
        public static let number: Types = [.integer, .real]
        /// Anything.
        public static let any: Types = [.null, .false, .true, .object, .array, .integer, .real, .string]

        static func of(_ json: JSON) -> Types {
            switch json {
            case .null: return .null
            case .bool(let value): return value ? .true : .false
            case .integer: return .integer
            case .real: return .real
            case .string: return .string
            case .array: return .array
            case .object: return .object
            }
        }
    }

    private let name: String
    private let json: JSON
    private let object: JSONObject?
    private var used: [String] = []
    /// The first error recorded, if any (OVS's `ovsdb_parser_get_error()`).
    public private(set) var error: OVSDBError?

    /// Starts parsing `json`, described as `name` in messages ("Parsing <name> failed").
    public init(_ json: JSON, name: String) {
        self.name = name
        self.json = json
        object = json.objectValue
        if object == nil {
            raise("Object expected.")
        }
    }

    /// True once an error has been recorded.
    public var hasError: Bool { error != nil }

    /// The member called `member` if present with one of `types`; records an error if
    /// it is missing (unless optional) or of another type.
    public mutating func member(_ member: String, _ types: Types) -> JSON? {
        guard let object else { return nil }
        guard let value = object[member] else {
            if !types.contains(.optional) {
                raise("Required '\(member)' member is missing.")
            }
            return nil
        }
        let isID = types.contains(.id) && value.stringValue.map(Self.isID) == true
        guard types.contains(Types.of(value)) || isID else {
            raise("Type mismatch for member '\(member)'.")
            return nil
        }
        used.append(member)
        return value
    }

    /// Throws the recorded error, or an error for members nobody asked for.
    public mutating func finish() throws(OVSDBError) {
        if error == nil, let object {
            let unused = object.filter { member in !used.contains { UTF8Bytes.equal($0, member.key) } }
            if let first = unused.first {
                if unused.count > 1 {
                    let others = unused.count - 1
                    raise("Member '\(first.key)' and \(others) other member\(others > 1 ? "s" : "") are present but not allowed here.")
                } else {
                    raise("Member '\(first.key)' is present but not allowed here.")
                }
            }
        }
        if let error { throw error }
    }

    /// Records "Parsing <name> failed: <message>" unless an error is recorded already;
    /// as in OVS the syntax is the object, or absent when the JSON is not an object
    /// (OVS's `ovsdb_parser_raise_error()`).
    public mutating func raise(_ message: String) {
        guard error == nil else { return }
        let syntax: JSON? = object == nil ? Optional.none : json
        error = OVSDBError.syntax(syntax, "Parsing \(name) failed: \(message)")
    }

    /// True if `string` is an OVSDB identifier, `[_a-zA-Z][_a-zA-Z0-9]*` (OVS's
    /// `ovsdb_parser_is_id()`).
    public static func isID(_ string: String) -> Bool {
        var bytes = string.utf8.makeIterator()
        guard let first = bytes.next(), isLetter(first) || first == UInt8(ascii: "_") else {
            return false
        }
        while let byte = bytes.next() {
            guard isLetter(byte) || byte == UInt8(ascii: "_")
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) else { return false }
        }
        return true
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}
