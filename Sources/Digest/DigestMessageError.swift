import IBLT

/// Why a digest message received from a peer is invalid. Thrown by the initialisers
/// `ResyncOffer(json:)`, `ResyncReply(json:)` and `ResyncStep(json:)`, whatever the
/// input, never a trap. The server answers the request with a JSON-RPC error whose
/// details are this error's `description` (Docs/digest-protocol.md, "Errors"); the
/// client abandons the exchange and falls back to an ordinary monitor request.
public enum DigestMessageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The message (or a member) is not a JSON object.
    case notAnObject(String)
    /// A required member is absent.
    case missingMember(String)
    /// A member this version of the protocol does not define.
    case unexpectedMember(String)
    /// A member has the wrong JSON type.
    case wrongType(member: String, expected: String)
    /// A message must hold exactly one of several members (its kind); it holds none or
    /// several of them.
    case ambiguousKind(found: [String], expected: [String])
    /// The offer's protocol version is not one this build speaks.
    case unsupportedVersion(Int, supported: [Int])
    /// A member's value is outside its allowed range or set.
    case invalidValue(member: String, value: String)
    /// A binary member is not strict base64 (RFC 4648 section 4).
    case invalidBase64(member: String)
    /// A binary member decodes to the wrong number of bytes.
    case wrongLength(member: String, byteCount: Int, expected: Int)
    /// A member is larger than the receiver's limit.
    case oversized(member: String, byteCount: Int, limit: Int)
    /// A binary member is not a valid IBLT structure.
    case invalidStructure(member: String, WireFormatError)

    /// A one-line explanation, used as the `details` of the error reply.
    public var description: String {
        switch self {
        case .notAnObject(let what): return "\(what) must be a JSON object"
        case .missingMember(let name): return "member \"\(name)\" is missing"
        case .unexpectedMember(let name): return "member \"\(name)\" is not allowed here"
        case .wrongType(let member, let expected): return "member \"\(member)\" must be \(expected)"
        case .ambiguousKind(let found, let expected):
            return "exactly one of \(expected.joined(separator: ", ")) expected, found \(found.isEmpty ? "none" : found.joined(separator: ", "))"
        case .unsupportedVersion(let version, let supported):
            return "digest protocol version \(version) is not supported (supported: \(supported.map(String.init).joined(separator: ", ")))"
        case .invalidValue(let member, let value): return "member \"\(member)\" has an invalid value \(value)"
        case .invalidBase64(let member): return "member \"\(member)\" is not valid base64"
        case .wrongLength(let member, let count, let expected): return "member \"\(member)\" holds \(count) bytes, \(expected) expected"
        case .oversized(let member, let count, let limit): return "member \"\(member)\" holds \(count) bytes, more than the limit of \(limit)"
        case .invalidStructure(let member, let error): return "member \"\(member)\" is malformed: \(error)"
        }
    }
}
