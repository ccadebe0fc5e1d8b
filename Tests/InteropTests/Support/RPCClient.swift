import Foundation
import OVSDB
import OVSTestSupport

/// A raw JSON-RPC client on a unix socket, every wait bounded: sends requests, returns
/// the messages received up to each reply, as JSON exactly as the server wrote them.
final class RPCClient {
    private let connection: UnixSocketConnection
    private var framer = JSONStreamFramer()
    private var received: [JSON] = []
    private var nextID: Int64 = 0

    init(path: String) throws {
        connection = try UnixSocketConnection(path: path)
    }

    /// Sends `message`.
    func send(_ message: JSON) throws {
        try connection.send(message.serialized())
    }

    /// Sends `messages` back to back in one buffer, as a client that pipelines requests
    /// does.
    func send(batch messages: [JSON]) throws {
        try connection.send(messages.flatMap { $0.serialized() })
    }

    /// The next message, waiting at most `timeout` seconds.
    func next(timeout: TimeInterval = 10) throws -> JSON {
        let deadline = Date().addingTimeInterval(timeout)
        while received.isEmpty {
            let bytes = try connection.receive(before: deadline)
            guard !bytes.isEmpty else { throw ToolFailure(description: "connection closed") }
            received += try framer.feed(bytes)
        }
        return received.removeFirst()
    }

    /// Sends a request and returns every message received up to and including its reply.
    func call(_ method: String, _ params: [JSON], id: JSON? = nil) throws -> [JSON] {
        nextID += 1
        let requestID = id ?? .integer(nextID)
        try send(["method": .string(method), "params": .array(params), "id": requestID])
        var messages: [JSON] = []
        repeat {
            messages.append(try next())
        } while messages.last?["id"] != requestID || messages.last?["method"] != nil
        return messages
    }

    /// The `result` of a request's reply (or the whole reply if it failed).
    func result(_ method: String, _ params: [JSON]) throws -> JSON {
        let reply = try call(method, params).last ?? .null
        return reply["error"] == .null ? (reply["result"] ?? .null) : reply
    }

    /// Waits until the server closes the connection.
    func waitForClose(timeout: TimeInterval = 10) throws {
        try connection.waitForClose(timeout: timeout)
    }
}

/// Makes the messages of two servers comparable: UUIDs the test chose (explicit row
/// UUIDs) stay, every other UUID (`_version`s, random row ids, server ids), also inside
/// texts such as error details, becomes `<random>`.
struct UUIDMask {
    /// The UUIDs to keep.
    let known: Set<String>

    /// `json` with unknown UUID strings masked (object keys included).
    func mask(_ json: JSON) -> JSON {
        switch json {
        case .string(let text):
            return .string(mask(text))
        case .array(let elements):
            return .array(elements.map(mask))
        case .object(let object):
            var masked = JSONObject()
            for (key, value) in object {
                masked[mask(key)] = mask(value)
            }
            return .object(masked)
        default:
            return json
        }
    }

    private func mask(_ text: String) -> String {
        guard text.count >= 36 else { return text }
        var masked = text
        for match in text.matches(of: Self.pattern).reversed() where !known.contains(String(text[match.range])) {
            masked.replaceSubrange(match.range, with: "<random>")
        }
        return masked
    }

    private static var pattern: Regex<Substring> {
        #/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/#
    }
}
