/// An OVSDB error: RFC 7047's `<error>` object, `{"error": tag, "details": text}`, plus
/// OVS's optional `"syntax"` member (the offending JSON, compact with sorted keys).
///
/// Mirrors OVS's `struct ovsdb_error` (`lib/ovsdb-error.c`). Schema, datum, row and
/// condition parsing throw it with the tags and texts OVS uses, and the transaction
/// engine reuses it for the error objects in `transact` replies.
public struct OVSDBError: Error, Hashable, Sendable {
    /// The `"error"` string: a short, stable category that clients match on.
    public struct Tag: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The tag text.
        public var rawValue: String
        /// A tag with the given text.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The tag text.
        public var description: String { rawValue }

        /// Malformed input: wrong JSON type, missing or extra member, bad name.
        public static let syntaxError = Tag(rawValue: "syntax error")
        /// A value outside its type's constraints (enum, range, length).
        public static let constraintViolation = Tag(rawValue: "constraint violation")
        /// OVS's default tag, used for example for duplicate keys in a set or map.
        public static let ovsdbError = Tag(rawValue: "ovsdb error")
        /// A condition, row or mutation names a column the table does not have.
        public static let unknownColumn = Tag(rawValue: "unknown column")
        /// A condition names a function that does not exist.
        public static let unknownFunction = Tag(rawValue: "unknown function")
        /// A mutation names a mutator that does not exist.
        public static let unknownMutator = Tag(rawValue: "unknown mutator")
        /// An operation names a table the database does not have.
        public static let unknownTable = Tag(rawValue: "unknown table")
        /// A request names a database the server does not have.
        public static let unknownDatabase = Tag(rawValue: "unknown database")
        /// A strong reference points to a row that does not exist, or would be lost.
        public static let referentialIntegrityViolation = Tag(rawValue: "referential integrity violation")
        /// A mutation divides by zero.
        public static let domainError = Tag(rawValue: "domain error")
        /// A mutation's result is out of range.
        public static let rangeError = Tag(rawValue: "range error")
        /// A `uuid-name` is defined by two inserts of one transaction (RFC 7047 and OVS
        /// spell it "duplicate uuid-name").
        public static let duplicateUUIDName = Tag(rawValue: "duplicate uuid-name")
        /// A table would exceed its `maxRows`.
        public static let resourcesExhausted = Tag(rawValue: "resources exhausted")
        /// The operation's `wait` timed out.
        public static let timedOut = Tag(rawValue: "timed out")
        /// The transaction was aborted by an `abort` operation.
        public static let aborted = Tag(rawValue: "aborted")
        /// The request is valid but not supported by this server.
        public static let notSupported = Tag(rawValue: "not supported")
        /// The client lacks permission (role-based access control).
        public static let permissionError = Tag(rawValue: "permission error")
        /// A bug or an unexpected state in the server.
        public static let internalError = Tag(rawValue: "internal error")
    }

    /// The category.
    public var tag: Tag
    /// Human-readable details, if any.
    public var details: String?
    /// The offending JSON, serialized compactly with sorted keys, if the error is about
    /// a specific piece of input.
    public var syntax: String?

    /// An error with the given parts.
    public init(_ tag: Tag, _ details: String? = nil, syntax: String? = nil) {
        self.tag = tag
        self.details = details
        self.syntax = syntax
    }

    /// A syntax-style error about `json` (OVS's `ovsdb_syntax_error()`): the tag
    /// defaults to "syntax error" and `syntax` is `json` serialized with sorted keys.
    public static func syntax(_ json: JSON?, _ details: String, tag: Tag = .syntaxError) -> OVSDBError {
        OVSDBError(tag, details, syntax: json?.serializedString(sortingKeys: true))
    }

    /// This error with `context` prefixed to its details, as OVS's `ovsdb_wrap_error()`
    /// does ("context: details").
    public func wrapped(_ context: String) -> OVSDBError {
        var copy = self
        copy.details = details.map { "\(context): \($0)" } ?? context
        return copy
    }

    /// The RFC 7047 error object: `"error"`, then `"details"` and `"syntax"` when
    /// present (OVS's `ovsdb_error_to_json()`).
    public var json: JSON {
        var object = JSONObject()
        object.appendUnchecked(.string(tag.rawValue), forKey: "error")
        if let details { object.appendUnchecked(.string(details), forKey: "details") }
        if let syntax { object.appendUnchecked(.string(syntax), forKey: "syntax") }
        return .object(object)
    }

    /// Reads an error object as ``json`` writes it (for clients reading replies);
    /// nil if `json` is not an object with a string `"error"` member.
    public init?(json: JSON) {
        guard case .object(let object) = json, case .string(let tag)? = object["error"] else {
            return nil
        }
        self.init(Tag(rawValue: tag), object["details"]?.stringValue, syntax: object["syntax"]?.stringValue)
    }
}

extension OVSDBError: CustomStringConvertible {
    /// `syntax "<syntax>": <tag>: <details>`, as OVS's `ovsdb_error_to_string()` (and
    /// so `ovsdb-tool`) prints errors.
    public var description: String {
        var text = ""
        if let syntax { text += "syntax \"\(syntax)\": " }
        text += tag.rawValue
        if let details { text += ": \(details)" }
        return text
    }
}
