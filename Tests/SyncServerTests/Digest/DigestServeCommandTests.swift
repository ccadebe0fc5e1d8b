import BenchmarkSupport
import Digest
import Foundation
import OVSDB
import OVSTestSupport
import Testing

/// `digestsync serve --max-digest-exchanges` as a real process on a unix socket, spoken to
/// with raw JSON-RPC: the flag bounds the open exchanges, and a request beyond it waits
/// (later requests of the same connection are answered meanwhile) until one ends.
@Suite struct DigestServeCommandTests {
    static let requests: JSON = ["Child": [["columns": ["k", "tag"]]]]

    /// A digest_resync whose offer cannot be in sync (a made-up commitment) for a view of
    /// `rows` rows, so the server answers with its estimator and waits for a step.
    static func resync(id: JSON, rows: Int, schema: DatabaseSchema) -> [UInt8] {
        let offer = ResyncOffer(seed: 9, commitment: SHA256Digest(of: Array("made up".utf8)), rowCount: rows,
                                schema: schema.digestFingerprint, mode: .ibf)
        return message("digest_resync", ["Test", "m", requests, offer.json], id: id)
    }

    static func message(_ method: String, _ params: [JSON], id: JSON) -> [UInt8] {
        var bytes: [UInt8] = []
        JSONRPCMessage.request(method: method, params: params, id: id).serialize(into: &bytes)
        return bytes
    }

    /// The `result` of a reply message, or nil.
    static func result(_ message: JSONRPCMessage?) -> JSON? {
        if case .reply(let result, _)? = message { return result }
        return nil
    }

    @Test func exchangesBeyondTheFlagWaitForOneToEnd() throws {
        let rows = 2000
        let database = try ScratchDatabase(schema: ServerTestSchema.json)
        _ = try database.transact((0..<rows).map { number in
            ["op": "insert", "table": "Child", "row": ["k": .integer(Int64(number)), "tag": "t"]]
        })
        let socket = "\(database.directory.path)/db.sock"
        let log = "\(database.directory.path)/serve.log"
        let server = try ChildProcess.spawn(try DigestSyncBinary.path(),
                                            ["serve", database.file, "--remote", "punix:\(socket)", "--max-digest-exchanges", "1"],
                                            errorPath: log)
        defer { _ = server.terminateBlocking(grace: .seconds(5)) }
        let deadline = Date().addingTimeInterval(20)
        while !((try? String(contentsOfFile: log, encoding: .utf8))?.contains("listening on") ?? false) {
            guard server.isRunning, Date() < deadline else { throw ToolFailure(description: "digestsync serve did not start") }
            Thread.sleep(forTimeInterval: 0.01)
        }
        let schema = try DatabaseSchema(json: ServerTestSchema.json)
        let first = try UnixSocketConnection(path: socket)
        let second = try UnixSocketConnection(path: socket)

        try first.send(Self.resync(id: 1, rows: rows, schema: schema))
        #expect(Self.result(try first.receiveMessages(1).first)?["estimator"] != nil)

        // The second exchange waits; its next request, an echo, is answered before it.
        try second.send(Self.resync(id: 1, rows: rows, schema: schema) + Self.message("echo", ["still here"], id: 2))
        let meanwhile = try second.receiveMessages(1)
        #expect(meanwhile.count == 1)
        #expect(Self.result(meanwhile.first) == ["still here"])

        try first.send(Self.message("digest_continue", ["m", ["full": "large"]], id: 3))
        #expect(Self.result(try first.receiveMessages(1).first)?["full"] != nil)
        #expect(Self.result(try second.receiveMessages(1).first)?["estimator"] != nil)
    }
}
