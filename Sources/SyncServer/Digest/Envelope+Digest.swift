import Digest
import NIOCore
import OVSDB

extension Envelope {
    /// The reply to request `id` carrying the final `reply` of a digest exchange
    /// (Docs/digest-protocol.md section 3). For `done` and `full` the `updates` member is
    /// `updates`, a table-updates2 body shared with the monitor group (or written for
    /// this reply), spliced in without a ``JSON`` tree, as monitor replies are; the
    /// reply's own `updates` value is ignored. Counted as a monitor reply against the
    /// session's backlog, since it is one.
    static func digestReply(_ reply: ResyncReply, updates: ByteBuffer?, id: JSON) -> OutboundMessage {
        guard let updates, case .object(var members) = reply.json, members.removeValue(forKey: "updates") != nil else {
            return Envelope.reply(reply.json, id: id)
        }
        var head = Array("{\"id\":".utf8)
        id.serialize(into: &head)
        head += Array(",\"result\":{".utf8)
        for (key, value) in members {
            JSONSerializer.appendString(key, to: &head)
            head.append(UInt8(ascii: ":"))
            value.serialize(into: &head)
            head.append(UInt8(ascii: ","))
        }
        head += Array("\"updates\":".utf8)
        let tail = Array("},\"error\":null}".utf8)
        return OutboundMessage(buffers: [ByteBuffer(bytes: head), updates, ByteBuffer(bytes: tail)], isMonitorReply: true)
    }
}
