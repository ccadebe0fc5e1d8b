import Foundation
import Testing
@testable import OVSDB
import OVSTestSupport

@Suite struct JSONRPCMessageTests {
    @Test func eachKindIsWrittenAsOVSWritesIt() throws {
        let cases: [(JSONRPCMessage, String)] = [
            (.request(method: "echo", params: [], id: "echo"), #"{"method":"echo","params":[],"id":"echo"}"#),
            (.notification(method: "update", params: [nil, ["T": [:]]]), #"{"method":"update","params":[null,{"T":{}}],"id":null}"#),
            (.reply(result: ["a"], id: 7), #"{"result":["a"],"error":null,"id":7}"#),
            (.error(error: "unknown method", id: [1, 2]), #"{"result":null,"error":"unknown method","id":[1,2]}"#),
        ]
        for (message, text) in cases {
            var bytes: [UInt8] = []
            message.serialize(into: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == text)
            #expect(try JSONRPCMessage(json: try JSON(parsing: text)) == message)
        }
    }

    @Test func nullMembersCountAsAbsent() throws {
        #expect(try JSONRPCMessage(json: ["method": "cancel", "params": [1], "id": nil]) == .notification(method: "cancel", params: [1]))
        #expect(try JSONRPCMessage(json: ["id": 3, "result": 0, "error": nil]) == .reply(result: 0, id: 3))
    }

    /// Malformed messages with the text OVS gives each (the interop test checks these
    /// texts against ovsdb-server's log).
    static let malformed: [(JSON, JSONRPCMessageError, String)] = [
        ([1], .notAnObject, "message is not a JSON object"),
        (["method": 1, "params": [], "id": 1], .methodNotString, "method is not a JSON string"),
        (["method": "x", "params": [], "id": 1, "extra": 2], .unexpectedMember("extra"), #"message has unexpected member "extra""#),
        (["method": "x", "params": ["a": 1], "id": 1], .paramsNotArray, #""params" must be JSON array"#),
        (["result": 1], .missingMember(kind: "reply", member: "id"), #"reply must have "id""#),
        (["result": 1, "error": 2, "id": 1], .forbiddenMember(kind: "reply", member: "error"), #"reply must not have "error""#),
        (["method": "x", "result": 1, "id": 1], .forbiddenMember(kind: "reply", member: "method"), #"reply must not have "method""#),
        (["error": "e", "params": [], "id": 1], .forbiddenMember(kind: "error", member: "params"), #"error must not have "params""#),
        (["error": "e"], .missingMember(kind: "error", member: "id"), #"error must have "id""#),
        (["id": 1], .missingMember(kind: "request", member: "method"), #"request must have "method""#),
        (["method": "x", "id": 1], .missingMember(kind: "request", member: "params"), #"request must have "params""#),
        (["method": "x"], .missingMember(kind: "notification", member: "params"), #"notification must have "params""#),
        (["result": nil, "error": nil, "id": 1], .missingMember(kind: "request", member: "method"), #"request must have "method""#),
    ]

    @Test func malformedMessagesAreRejectedWithOVSReasons() {
        for (json, error, text) in Self.malformed {
            #expect(throws: error) { try JSONRPCMessage(json: json) }
            #expect(error.description == text)
        }
    }
}

/// JSON-RPC against a real `ovsdb-server` over a unix socket: our requests, framed
/// replies, and the server's own verdict on malformed messages.
@Suite(.serialized) struct JSONRPCInteropTests {
    @Test func aRealServerAnswersOurRequestsThroughTheFramer() throws {
        let server = try OVSDBServerProcess(schemaFiles: [try OVSTool.installedSchema(named: "vtep.ovsschema")])
        let connection = try UnixSocketConnection(path: server.socketPath)
        let requests: [JSONRPCMessage] = [
            .request(method: "list_dbs", params: [], id: 1),
            .request(method: "get_schema", params: ["_Server"], id: "schema"),
            .request(method: "echo", params: ["hi", ["é": [1.5]]], id: [1, "x"]),
            .request(method: "bogus", params: [], id: 9),
        ]
        var bytes: [UInt8] = []
        for request in requests { request.serialize(into: &bytes) }
        // Send in small pieces so the server sees messages split across reads.
        for start in stride(from: 0, to: bytes.count, by: 7) {
            try connection.send(Array(bytes[start..<min(start + 7, bytes.count)]))
        }
        let replies = try connection.receiveMessages(4)
        #expect(replies.count == 4)
        guard replies.count == 4 else { return }
        guard case .reply(let databases, 1) = replies[0] else { Issue.record("\(replies[0])"); return }
        #expect(Set(databases.arrayValue ?? []) == ["_Server", "hardware_vtep"])
        #expect(replies[1] == .reply(result: DatabaseSchema.server.json, id: "schema"))
        #expect(replies[2] == .reply(result: ["hi", ["é": [1.5]]], id: [1, "x"]))
        guard case .error(let error, 9) = replies[3] else { Issue.record("\(replies[3])"); return }
        #expect(error == "unknown method")
    }

    @Test func theServerRejectsMalformedMessagesWithOurReasons() throws {
        // ovsdb-server logs at most 5 bad messages per minute, so use a fresh server
        // for every five.
        let cases = JSONRPCMessageTests.malformed
        for batch in stride(from: 0, to: cases.count, by: 5) {
            let server = try OVSDBServerProcess(schemaFiles: [try OVSTool.installedSchema(named: "vtep.ovsschema")])
            for (json, _, text) in cases[batch..<min(batch + 5, cases.count)] {
                let connection = try UnixSocketConnection(path: server.socketPath)
                try connection.send(json.serialized())
                try connection.waitForClose()
                let log = try String(contentsOfFile: "\(server.directory.path)/log", encoding: .utf8)
                #expect(log.contains("received bad JSON-RPC message: \(text)\n"), "\(json)")
            }
        }
    }
}
