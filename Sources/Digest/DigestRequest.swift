import OVSDB

/// A digest JSON-RPC request (Docs/digest-protocol.md): the client builds one and sends
/// `method` and `params`; the server parses `params` of a request whose method is
/// `resyncMethod` or `continueMethod`.
///
/// ```
/// {"id":7,"method":"digest_resync","params":["OVN_Southbound",["monid","OVN_Southbound"],{<monitor-cond-requests>},{<offer>}]}
/// {"id":8,"method":"digest_continue","params":[["monid","OVN_Southbound"],{<step>}]}
/// ```
public enum DigestRequest: Equatable, Sendable {
    /// Opens an exchange for the monitor `monitorID` of `database`, whose requests are
    /// exactly those of `monitor_cond` (`<monitor-cond-requests>`).
    case resync(database: String, monitorID: JSON, requests: JSON, offer: ResyncOffer)
    /// Continues the open exchange of monitor `monitorID`.
    case `continue`(monitorID: JSON, step: ResyncStep)

    /// The method that opens an exchange.
    public static let resyncMethod = "digest_resync"
    /// The method that continues one.
    public static let continueMethod = "digest_continue"

    /// The request's method name.
    public var method: String {
        switch self {
        case .resync: return Self.resyncMethod
        case .continue: return Self.continueMethod
        }
    }

    /// The request's params array.
    public var params: JSON {
        switch self {
        case .resync(let database, let id, let requests, let offer):
            return [.string(database), id, requests, offer.json]
        case .continue(let id, let step):
            return [id, step.json]
        }
    }

    /// Parses the params of a request for `method` (one of the two above); throws for
    /// another method, for params of the wrong shape and for an invalid offer or step.
    public init(method: String, params: JSON, limits: DigestLimits = .standard) throws(DigestMessageError) {
        switch method {
        case Self.resyncMethod:
            guard case .array(let values) = params, values.count == 4 else {
                throw .wrongType(member: "params", expected: "an array of database, monitor id, monitor requests and offer")
            }
            guard case .string(let database) = values[0] else { throw .wrongType(member: "database", expected: "a string") }
            guard case .object = values[2] else { throw .wrongType(member: "monitor requests", expected: "an object") }
            self = .resync(database: database, monitorID: values[1], requests: values[2], offer: try ResyncOffer(json: values[3]))
        case Self.continueMethod:
            guard case .array(let values) = params, values.count == 2 else {
                throw .wrongType(member: "params", expected: "an array of monitor id and step")
            }
            self = .continue(monitorID: values[0], step: try ResyncStep(json: values[1], limits: limits))
        default:
            throw .invalidValue(member: "method", value: "\"\(method)\"")
        }
    }
}
