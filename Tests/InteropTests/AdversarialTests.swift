import Foundation
import OVSDB
import OVSTestSupport
import Testing

/// No client input crashes or wedges `digestsync serve`: many connections sending
/// random bytes, oversized and deeply nested messages, half messages and abrupt
/// closes, while a well-behaved client keeps being served.
@Suite(.serialized) struct AdversarialTests {
    @Test func garbageFromManyClientsNeverStopsTheServer() throws {
        let directory = try TemporaryDirectory()
        let schema = try directory.write(ServerTestSchema.json.description, to: "test.ovsschema")
        let server = try ServerProcess(.digestsync, databases: try ServerProcess.createDatabases([schema], in: directory.path, prefix: ""),
                                       directory: directory.path, extraArguments: ["--max-message-size", "65536"])
        defer { server.stop() }
        let good = try RPCClient(path: server.socketPath)
        _ = try good.result("monitor_cond", ["Test", "m", ["Child": [:]]])
        let attacks: [[UInt8]] = [
            Array(#"{"method":"echo","params":[""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: 70_000) + Array(#""],"id":1}"#.utf8),
            Array(repeating: UInt8(ascii: "["), count: 5000),
            Array(#"{"method":"transact","params":["Test",{"op":"insert","table":"Child","row":{"k":"#.utf8),
            Array(#"{"method":"monitor_cond_change","params":["m","m",{"Child":[{}]}],"id":1}"#.utf8),
            Array(#"{"method":"monitor","params":["Test","x"],"id":1}"#.utf8),
            Array(#"{"id":1,"result":[],"error":null}"#.utf8),
            [0xFF, 0xFE, 0x00, 0x7B],
        ]
        var generator = SystemRandomNumberGenerator()
        let attackers = DispatchGroup()
        for round in 0..<40 {
            attackers.enter()
            DispatchQueue.global().async {
                defer { attackers.leave() }
                var random = SystemRandomNumberGenerator()
                guard let connection = try? UnixSocketConnection(path: server.socketPath) else { return }
                let bytes = round < attacks.count ? attacks[round]
                    : (0..<Int.random(in: 1...4096, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                try? connection.send(bytes)
            }
            let number = Int64.random(in: 1...1_000_000, using: &generator)
            let reply = try good.call("transact", ["Test", ["op": "insert", "table": "Child", "row": ["k": .integer(number)]]])
            #expect(reply.last?["result"]?[0]?["uuid"] != nil)
        }
        #expect(attackers.wait(timeout: .now() + 30) == .success)
        #expect(try good.result("echo", ["alive"]) == ["alive"])
        #expect(server.stop() == 0)
        #expect(server.log.contains("error parsing stream"))
    }
}
