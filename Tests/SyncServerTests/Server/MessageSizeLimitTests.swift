import Foundation
import OVSTestSupport
import Testing
@testable import OVSDB
@testable import SyncServer

/// A client message larger than `maxMessageBytes` closes that client's connection with
/// a log line and no reply, before the server has buffered much more than the bound;
/// the server goes on serving everyone else, and a message just under the bound is
/// accepted. On real unix sockets with an in-process server.
@Suite(.serialized) struct MessageSizeLimitTests {
    static let limit = 64 << 10

    @Test(arguments: SlowClientTests.threadCounts)
    func anOversizedMessageDisconnectsItsSenderAndTheServerGoesOn(ioThreads: Int) async throws {
        let running = try await InProcessServer.start {
            $0.maxMessageBytes = Self.limit
            $0.ioThreads = ioThreads
        }
        let watcher = try running.connect()
        try watcher.send(InProcessServer.request("monitor_cond", ["Test", "m", ["Child": [:]]], id: 1))
        #expect(try watcher.receiveMessages(1).first == .reply(result: [:], id: 1))

        let oversized = try running.connect()
        try oversized.send(InProcessServer.insertChild(1, tagBytes: Self.limit + 1))
        try oversized.waitForClose(timeout: 10)
        #expect(running.log.messages(atLeast: .warning).contains { $0.contains("error parsing stream") && $0.contains("exceeds maximum") })

        let fitting = try running.connect()
        let request = InProcessServer.insertChild(2, tagBytes: Self.limit - 200)
        #expect(request.count < Self.limit)
        try fitting.send(request)
        guard case .reply(let result, _)? = try fitting.receiveMessages(1).first else {
            Issue.record("no reply to a message under the limit")
            return
        }
        #expect(result[0]?["uuid"] != nil)
        guard case .notification("update2", let params)? = try watcher.receiveMessages(1).first else {
            Issue.record("the watcher got no update")
            return
        }
        let inserted = JSON.array(params)[1]?["Child"]?.objectValue?.values.compactMap { $0["insert"]?["k"]?.integerValue }
        #expect(inserted == [2])
        await running.server.shutdown()
    }
}
