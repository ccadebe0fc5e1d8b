import NIOCore
import OVSDB

/// The JSON-RPC messages the server writes, byte for byte in the shapes
/// `ovsdb-server` 3.1.0 sends them: replies `{"id":…,"result":…,"error":null}`, error
/// replies `{"id":…,"error":…}` without `result`, notifications
/// `{"id":null,"method":…,"params":[…]}`.
enum Envelope {
    /// A successful reply to request `id`.
    static func reply(_ result: JSON, id: JSON) -> OutboundMessage {
        var bytes = opening(id: id)
        append(",\"result\":", to: &bytes)
        result.serialize(into: &bytes)
        append(",\"error\":null}", to: &bytes)
        return OutboundMessage(buffers: [ByteBuffer(bytes: bytes)])
    }

    /// An error reply to request `id`: `error` is an OVSDB error object or, for some
    /// methods, a bare string.
    static func error(_ error: JSON, id: JSON) -> OutboundMessage {
        var bytes = opening(id: id)
        append(",\"error\":", to: &bytes)
        error.serialize(into: &bytes)
        bytes.append(UInt8(ascii: "}"))
        return OutboundMessage(buffers: [ByteBuffer(bytes: bytes)])
    }

    /// A notification (`locked`, `stolen`) or, with `id`, a request the server makes
    /// (the inactivity probe `echo`).
    static func call(_ method: String, params: [JSON], id: JSON = .null) -> OutboundMessage {
        var bytes = opening(id: id)
        append(",\"method\":", to: &bytes)
        JSONSerializer.appendString(method, to: &bytes)
        append(",\"params\":", to: &bytes)
        JSON.array(params).serialize(into: &bytes)
        bytes.append(UInt8(ascii: "}"))
        return OutboundMessage(buffers: [ByteBuffer(bytes: bytes)])
    }

    /// The reply to a monitor request around the shared table-updates `body`: the body
    /// itself, or for `monitor_cond_since` `[found, "<last-txn-id>", body]`.
    static func monitorReply(_ body: ByteBuffer, id: JSON, since: (found: Bool, lastID: OVSDBUUID)? = nil) -> OutboundMessage {
        var head = opening(id: id)
        append(",\"result\":", to: &head)
        if let since {
            append(since.found ? "[true,\"" : "[false,\"", to: &head)
            since.lastID.appendText(to: &head)
            append("\",", to: &head)
        }
        var tail: [UInt8] = []
        if since != nil { tail.append(UInt8(ascii: "]")) }
        append(",\"error\":null}", to: &tail)
        return OutboundMessage(buffers: [ByteBuffer(bytes: head), body, ByteBuffer(bytes: tail)], isMonitorReply: true)
    }

    /// An `update`, `update2` or `update3` notification for monitor `monitorID` around
    /// the shared table-updates `body`; `update3` carries `transactionID`.
    static func update(_ version: MonitorVersion, monitorID: JSON, transactionID: OVSDBUUID, body: ByteBuffer) -> OutboundMessage {
        var head = Array("{\"id\":null,\"method\":\"\(version.notification)\",\"params\":[".utf8)
        monitorID.serialize(into: &head)
        head.append(UInt8(ascii: ","))
        if version == .v3 {
            head.append(UInt8(ascii: "\""))
            transactionID.appendText(to: &head)
            append("\",", to: &head)
        }
        return OutboundMessage(buffers: [ByteBuffer(bytes: head), body, ByteBuffer(bytes: Array("]}".utf8))])
    }

    private static func opening(id: JSON) -> [UInt8] {
        var bytes = Array("{\"id\":".utf8)
        id.serialize(into: &bytes)
        return bytes
    }

    private static func append(_ text: StaticString, to bytes: inout [UInt8]) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }
}
