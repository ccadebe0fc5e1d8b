/// A JSON-RPC 1.0 message as OVSDB exchanges them (RFC 7047 section 4; OVS's
/// `lib/jsonrpc.c`).
///
/// Which kind a received object is follows OVS's `jsonrpc_msg_from_json()`: a
/// non-null `"result"` makes a reply, else a non-null `"error"` an error reply, else a
/// non-null `"id"` a request, else a notification; `null` members count as absent.
/// Each kind must then have exactly its members: requests `method`, `params` (an array)
/// and `id`; notifications `method` and `params`; replies `result` and `id`; error
/// replies `error` and `id`.
public enum JSONRPCMessage: Hashable, Sendable {
    /// A call that expects a reply with the same `id`.
    case request(method: String, params: [JSON], id: JSON)
    /// A call without reply (`"id": null`), such as `update` or `cancel`.
    case notification(method: String, params: [JSON])
    /// A successful reply to the request with `id`.
    case reply(result: JSON, id: JSON)
    /// A failed reply to the request with `id`; `error` is typically an OVSDB error
    /// object or a string such as "unknown method".
    case error(error: JSON, id: JSON)

    /// Reads a message from a received JSON value, with OVS's checks.
    public init(json: JSON) throws(JSONRPCMessageError) {
        guard case .object(var members) = json else { throw .notAnObject }
        let method = members.removeValue(forKey: "method")
        if let method, method.stringValue == nil { throw .methodNotString }
        let params = Self.nonNull(members.removeValue(forKey: "params"))
        let result = Self.nonNull(members.removeValue(forKey: "result"))
        let error = Self.nonNull(members.removeValue(forKey: "error"))
        let id = Self.nonNull(members.removeValue(forKey: "id"))
        if let unexpected = members.first {
            throw .unexpectedMember(unexpected.key)
        }
        if let params, params.arrayValue == nil { throw .paramsNotArray }

        // The checks run in OVS's order: method, params, result, error, id.
        if let result {
            try Self.forbid(method, "method", in: "reply")
            try Self.forbid(params, "params", in: "reply")
            try Self.forbid(error, "error", in: "reply")
            guard let id else { throw .missingMember(kind: "reply", member: "id") }
            self = .reply(result: result, id: id)
        } else if let error {
            try Self.forbid(method, "method", in: "error")
            try Self.forbid(params, "params", in: "error")
            guard let id else { throw .missingMember(kind: "error", member: "id") }
            self = .error(error: error, id: id)
        } else {
            let kind = id == nil ? "notification" : "request"
            guard let method = method?.stringValue else { throw .missingMember(kind: kind, member: "method") }
            guard let params = params?.arrayValue else { throw .missingMember(kind: kind, member: "params") }
            if let id {
                self = .request(method: method, params: params, id: id)
            } else {
                self = .notification(method: method, params: params)
            }
        }
    }

    private static func forbid(_ member: JSON?, _ name: String, in kind: String) throws(JSONRPCMessageError) {
        if member != nil { throw .forbiddenMember(kind: kind, member: name) }
    }

    private static func nonNull(_ json: JSON?) -> JSON? {
        json?.isNull == true ? nil : json
    }

    /// The message as OVS's `jsonrpc_msg_to_json()` writes it, members in the order
    /// `method`, `params`, `result`, `error`, `id`, with the explicit nulls OVS adds: a
    /// notification's `"id": null`, a reply's `"error": null`, an error reply's
    /// `"result": null`.
    public var json: JSON {
        switch self {
        case .request(let method, let params, let id):
            return ["method": .string(method), "params": .array(params), "id": id]
        case .notification(let method, let params):
            return ["method": .string(method), "params": .array(params), "id": nil]
        case .reply(let result, let id):
            return ["result": result, "error": nil, "id": id]
        case .error(let error, let id):
            return ["result": nil, "error": error, "id": id]
        }
    }

    /// Appends the compact serialization of ``json`` to `output`.
    public func serialize(into output: inout [UInt8]) {
        json.serialize(into: &output)
    }
}

/// Why a received JSON value is not a valid JSON-RPC message (OVS's messages; OVS
/// closes the connection on any of them).
public enum JSONRPCMessageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The value is not an object.
    case notAnObject
    /// `"method"` is not a string.
    case methodNotString
    /// A member other than method, params, result, error and id.
    case unexpectedMember(String)
    /// `"params"` is not an array.
    case paramsNotArray
    /// A member the message's kind requires is absent or null.
    case missingMember(kind: String, member: String)
    /// A member the message's kind must not have is present.
    case forbiddenMember(kind: String, member: String)

    /// OVS's text for the error.
    public var description: String {
        switch self {
        case .notAnObject: return "message is not a JSON object"
        case .methodNotString: return "method is not a JSON string"
        case .unexpectedMember(let name): return "message has unexpected member \"\(name)\""
        case .paramsNotArray: return "\"params\" must be JSON array"
        case .missingMember(let kind, let member): return "\(kind) must have \"\(member)\""
        case .forbiddenMember(let kind, let member): return "\(kind) must not have \"\(member)\""
        }
    }
}
