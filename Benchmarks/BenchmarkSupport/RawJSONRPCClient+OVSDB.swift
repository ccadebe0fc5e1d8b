import OVSDB

/// The monitor request methods of OVSDB (RFC 7047 section 4.1.5 and Open vSwitch's
/// extensions, ovsdb-server(7) 4.1.12 and 4.1.15) whose initial reply carries the
/// monitored rows.
public enum MonitorMethod: Hashable, Sendable, CustomStringConvertible {
    /// `monitor_cond [db, id, requests]`: the reply is the rows as `table-updates2`.
    case monitorCond
    /// `monitor_cond_since [db, id, requests, last-txn-id]`: the reply is `[found,
    /// last-txn-id, table-updates2]`; the all-zero id asks for everything, as OVS
    /// clients do on their first connection.
    case monitorCondSince(lastTransactionID: OVSDBUUID)

    /// The method named `name` (`monitor_cond` or `monitor_cond_since`, the latter
    /// from the zero id), or nil.
    public init?(name: String) {
        switch name {
        case "monitor_cond": self = .monitorCond
        case "monitor_cond_since": self = .monitorCondSince(lastTransactionID: .zero)
        default: return nil
        }
    }

    /// The JSON-RPC method name.
    public var description: String {
        switch self {
        case .monitorCond: return "monitor_cond"
        case .monitorCondSince: return "monitor_cond_since"
        }
    }
}

extension RawJSONRPCClient {
    /// The `<monitor-requests>` object that monitors every table of `schema` with all
    /// its columns listed (so `_version` is not monitored, as with the OVS IDLs) and no
    /// condition: what every benchmark client sends, so all monitors are identical.
    public static func monitorRequests(everyTableOf schema: DatabaseSchema) -> JSON {
        var requests = JSONObject()
        for table in schema.tables {
            requests[table.name] = [["columns": .array(table.userColumns.map { .string($0.name) })]]
        }
        return .object(requests)
    }

    /// Monitors every table of `database` with all columns and waits for the initial
    /// dump, counting its bytes and frames without parsing it. Throws
    /// ``RawClientError/requestFailed(method:error:)`` if the server refuses.
    public func monitorAll(database: String, schema: DatabaseSchema, method: MonitorMethod,
                           monitorID: JSON = "bench", timeout: Duration? = nil) async throws(RawClientError) -> RawReply {
        var params: [JSON] = [.string(database), monitorID, Self.monitorRequests(everyTableOf: schema)]
        if case .monitorCondSince(let last) = method {
            params.append(.string(last.description))
        }
        let reply = try await call(method.description, params, parseReply: false, timeout: timeout)
        if let error = reply.error { throw .requestFailed(method: method.description, error: error) }
        return reply
    }

    /// Runs `operations` as one transaction on `database` and returns the reply, whose
    /// result is the array of operation results. Throws
    /// ``RawClientError/transactionFailed(_:)`` if any result is an error (RFC 7047
    /// section 4.1.3: an error object at the failing operation, or one more element for
    /// a commit failure).
    @discardableResult
    public func transact(database: String, operations: [JSON], timeout: Duration? = nil) async throws(RawClientError) -> RawReply {
        let reply = try await call("transact", [.string(database)] + operations, parseReply: true, timeout: timeout)
        if let error = reply.error { throw .requestFailed(method: "transact", error: error) }
        guard let results = reply.result?.arrayValue,
              results.allSatisfy({ $0["error"] == nil }) else {
            throw .transactionFailed(reply.result ?? .null)
        }
        return reply
    }
}
