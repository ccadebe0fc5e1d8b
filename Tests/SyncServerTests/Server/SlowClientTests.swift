import Foundation
import OVSTestSupport
import Testing
@testable import OVSDB
@testable import SyncServer

/// A client that reads too slowly is disconnected once its unsent output, beyond the
/// monitor reply in flight, passes the bound; other clients never notice. On real
/// unix sockets with an in-process server.
@Suite(.serialized) struct SlowClientTests {
    /// Connections on the database thread (the default) and on threads of their own.
    static let threadCounts = [0, 2]

    @Test(arguments: threadCounts)
    func aClientThatStopsReadingIsDisconnectedWhileOthersKeepReceivingUpdates(ioThreads: Int) async throws {
        let running = try await InProcessServer.start {
            $0.maxBacklogBytes = 256 << 10
            $0.ioThreads = ioThreads
        }
        let monitor = InProcessServer.request("monitor_cond", ["Test", "m", ["Child": [:]]], id: 1)
        let slow = try running.connect()
        try slow.send(monitor)
        #expect(try slow.receiveMessages(1).first == .reply(result: [:], id: 1))
        let reader = try running.connect()
        try reader.send(monitor)
        #expect(try reader.receiveMessages(1).first == .reply(result: [:], id: 1))
        let writer = try running.connect()
        var updatedKeys: [Int] = []
        for number in 1...300 {
            try writer.send(InProcessServer.insertChild(number, tagBytes: 8 << 10))
            #expect(try writer.receiveMessages(1).count == 1)
            for case .notification("update2", let params) in try reader.receiveMessages(1) {
                let rows = JSON.array(params)[1]?["Child"]?.objectValue?.values ?? []
                updatedKeys += rows.compactMap { $0["insert"]?["k"]?.integerValue }.map(Int.init)
            }
        }
        try slow.waitForClose(timeout: 10)
        #expect(running.log.messages(atLeast: .warning).contains { $0.contains("reads too slowly") })
        #expect(updatedKeys == Array(1...300))
        try writer.send(InProcessServer.request("echo", ["still here"], id: 1000))
        #expect(try writer.receiveMessages(1).first == .reply(result: ["still here"], id: 1000))
        await running.server.shutdown()
    }

    @Test(arguments: threadCounts)
    func anInitialSnapshotLargerThanTheBoundIsDelivered(ioThreads: Int) async throws {
        let running = try await InProcessServer.start {
            $0.maxBacklogBytes = 64 << 10
            $0.ioThreads = ioThreads
        }
        let writer = try running.connect()
        for number in 1...100 {
            try writer.send(InProcessServer.insertChild(number, tagBytes: 20 << 10))
            _ = try writer.receiveMessages(1)
        }
        let reader = try running.connect()
        try reader.send(InProcessServer.request("monitor_cond", ["Test", "m", ["Child": [:]]], id: 1))
        try await Task.sleep(for: .milliseconds(500))
        let reply = try reader.receiveMessages(1, timeout: 20)
        guard case .reply(let result, _)? = reply.first else {
            Issue.record("no monitor reply: \(reply)")
            return
        }
        #expect(result["Child"]?.objectValue?.count == 100)
        #expect(!running.log.messages(atLeast: .warning).contains { $0.contains("reads too slowly") })
        await running.server.shutdown()
    }
}
