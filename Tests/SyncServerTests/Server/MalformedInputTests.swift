import BenchmarkSupport
import Testing
@testable import OVSDB
@testable import SyncServer

/// Input that is not a valid JSON-RPC stream closes the connection without a reply, as
/// `ovsdb-server` does (notes section 1.3), and harms no other session.
@Suite struct MalformedInputTests {
    /// A malformed input, named for the test report.
    struct Input: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        var testDescription: String { name }
    }

    static let closingInputs: [Input] = [
        Input(name: "params null", text: #"{"method":"list_dbs","params":null,"id":1}"#),
        Input(name: "params missing", text: #"{"method":"list_dbs","id":1}"#),
        Input(name: "params object", text: #"{"method":"list_dbs","params":{},"id":1}"#),
        Input(name: "unexpected member", text: #"{"method":"list_dbs","params":[],"id":1,"extra":2}"#),
        Input(name: "method not a string", text: #"{"method":5,"params":[],"id":1}"#),
        Input(name: "array message", text: #"[1,2,3]"#),
        Input(name: "string message", text: #""hello""#),
        Input(name: "syntax error", text: #"{"method":"list_dbs" "params":[],"id":1}"#),
        Input(name: "unsolicited reply", text: #"{"id":1,"result":{},"error":null}"#),
        Input(name: "reply with null result", text: #"{"id":1,"result":null,"error":null}"#),
        Input(name: "number out of range", text: #"[1e400]"#),
        Input(name: "control character in string", text: "{\"method\":\"echo\",\"params\":[\"a\u{01}b\"],\"id\":1}"),
        Input(name: "depth 1001", text: String(repeating: "[", count: 1001) + String(repeating: "]", count: 1001)),
    ]

    @Test(arguments: closingInputs)
    func invalidMessagesCloseTheConnectionWithoutReply(input: Input) throws {
        let server = try ServerHarness()
        let bystander = try server.connect()
        let client = try server.connect()
        try client.send(raw: input.text)
        #expect(try client.receive().isEmpty)
        #expect(client.isClosed)
        #expect(try bystander.result("echo", [1]) == [1])
    }

    @Test func aValidMessageBeforeGarbageIsAnsweredFirst() throws {
        let server = try ServerHarness()
        let client = try server.connect()
        try client.send(bytes: Array(#"{"method":"echo","params":[7],"id":1}"#.utf8) + [0])
        let received = try client.receive()
        #expect(received == [["id": 1, "result": [7], "error": nil]])
        #expect(client.isClosed)
    }

    @Test func messagesSplitAnywhereAndSeparatedByWhitespaceAreAnswered() throws {
        let client = try ServerHarness().connect()
        let text = Array(#"{"method":"echo","params":[1],"id":1}"# + "\n\n \t" + #"{"method":"echo","params":[2],"id":2}"#)
        for character in text { try client.send(raw: String(character)) }
        #expect(try client.receive().map { $0["result"] } == [[1], [2]])
    }

    @Test func randomBytesNeverCrashAndOtherSessionsKeepWorking() throws {
        let server = try ServerHarness()
        let bystander = try server.connect()
        var generator = SplitMix64(seed: 7)
        for round in 0..<200 {
            let client = try server.connect()
            let count = Int(generator.next() % 300)
            var bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if round % 2 == 0 { bytes = Array(#"{"method":"transact","params":["Test",{"op":"#.utf8) + bytes }
            try client.send(bytes: bytes)
            _ = try client.receive()
            if client.channel.isActive { try client.channel.close().wait() }
            client.settle()
        }
        #expect(try bystander.result("echo", ["alive"]) == ["alive"])
        #expect(server.core.sessions.count == 1)
    }
}
