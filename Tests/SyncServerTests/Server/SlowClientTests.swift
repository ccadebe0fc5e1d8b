import Foundation
import OVSTestSupport
import Testing
@testable import OVSDB
@testable import SyncServer

/// A client that reads too slowly is disconnected once its unsent output, beyond the
/// monitor reply in flight, passes the bound; other clients never notice. On real
/// unix sockets with an in-process server.
@Suite(.serialized) struct SlowClientTests {
    private static func startServer(maxBacklog: Int, ioThreads: Int, log: CapturedLog) async throws -> (OVSDBServer, TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        let path = "\(directory.path)/t.db"
        try StandaloneStorage.create(path: path, schema: try DatabaseSchema(json: ServerTestSchema.json)).close()
        let socket = "\(directory.path)/db.sock"
        var configuration = ServerConfiguration(databases: [path], remotes: [.passiveUnix(path: socket)])
        configuration.maxBacklogBytes = maxBacklog
        configuration.ioThreads = ioThreads
        return (try await OVSDBServer.start(configuration, logger: log.logger), directory, socket)
    }

    private static func request(_ method: String, _ params: JSON, id: Int) -> [UInt8] {
        JSON.object(["method": .string(method), "params": params, "id": .integer(Int64(id))]).serialized()
    }

    private static func insertChild(_ number: Int, tagBytes: Int) -> [UInt8] {
        request("transact", ["Test", ["op": "insert", "table": "Child",
                                      "row": ["k": .integer(Int64(number)), "tag": .string(String(repeating: "x", count: tagBytes))]]], id: number)
    }

    /// Connections on the database thread (the default) and on threads of their own.
    static let threadCounts = [0, 2]

    @Test(arguments: threadCounts)
    func aClientThatStopsReadingIsDisconnectedWhileTheWriterGoesOn(ioThreads: Int) async throws {
        let log = CapturedLog()
        let (server, directory, socket) = try await Self.startServer(maxBacklog: 256 << 10, ioThreads: ioThreads, log: log)
        defer { _ = directory }
        let slow = try UnixSocketConnection(path: socket)
        try slow.send(Self.request("monitor_cond", ["Test", "m", ["Child": [:]]], id: 1))
        #expect(try slow.receiveMessages(1).first == .reply(result: [:], id: 1))
        let writer = try UnixSocketConnection(path: socket)
        for number in 1...300 {
            try writer.send(Self.insertChild(number, tagBytes: 8 << 10))
            #expect(try writer.receiveMessages(1).count == 1)
        }
        try slow.waitForClose(timeout: 10)
        #expect(log.messages(atLeast: .warning).contains { $0.contains("reads too slowly") })
        try writer.send(Self.request("echo", ["still here"], id: 1000))
        #expect(try writer.receiveMessages(1).first == .reply(result: ["still here"], id: 1000))
        await server.shutdown()
    }

    @Test(arguments: threadCounts)
    func anInitialSnapshotLargerThanTheBoundIsDelivered(ioThreads: Int) async throws {
        let log = CapturedLog()
        let (server, directory, socket) = try await Self.startServer(maxBacklog: 64 << 10, ioThreads: ioThreads, log: log)
        defer { _ = directory }
        let writer = try UnixSocketConnection(path: socket)
        for number in 1...100 {
            try writer.send(Self.insertChild(number, tagBytes: 20 << 10))
            _ = try writer.receiveMessages(1)
        }
        let reader = try UnixSocketConnection(path: socket)
        try reader.send(Self.request("monitor_cond", ["Test", "m", ["Child": [:]]], id: 1))
        try await Task.sleep(for: .milliseconds(500))
        let reply = try reader.receiveMessages(1, timeout: 20)
        guard case .reply(let result, _)? = reply.first else {
            Issue.record("no monitor reply: \(reply)")
            return
        }
        #expect(result["Child"]?.objectValue?.count == 100)
        #expect(!log.messages(atLeast: .warning).contains { $0.contains("reads too slowly") })
        await server.shutdown()
    }
}
