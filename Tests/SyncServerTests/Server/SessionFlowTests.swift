import NIOCore
import Testing
@testable import OVSDB
@testable import SyncServer

/// The per-connection bounds that keep one client from holding the server: inbound
/// back-pressure and the inactivity probe.
@Suite struct SessionFlowTests {
    @Test func theChannelPausesAboveTheLimitAndResumesAtHalf() {
        let flow = SessionFlow(limit: 4)
        for _ in 0..<5 { flow.submitted() }
        #expect(!flow.mayRead())
        #expect(!flow.handled())
        #expect(!flow.handled())
        #expect(flow.handled())
        #expect(flow.mayRead())
        #expect(!flow.handled())
    }

    @Test func pipelinedRequestsBeyondTheLimitAreAllAnsweredInOrder() throws {
        let client = try ServerHarness().connect(maxPendingMessages: 2)
        let text = (1...50).map { #"{"method":"echo","params":[\#($0)],"id":\#($0)}"# }.joined()
        try client.send(raw: text)
        #expect(try client.receive().map { $0["id"] } == (1...50).map { JSON.integer(Int64($0)) })
    }

    @Test func anIdleClientIsProbedWithEchoAndDisconnectedIfSilent() throws {
        let server = try ServerHarness()
        let client = try server.connect(inactivityProbe: .seconds(5))
        server.loop.advanceTime(by: .seconds(4))
        #expect(try client.receive().isEmpty)
        server.loop.advanceTime(by: .seconds(2))
        #expect(try client.receive() == [["id": "echo", "method": "echo", "params": []]])
        try client.send(raw: #"{"id":"echo","result":[],"error":null}"#)
        server.loop.advanceTime(by: .seconds(6))
        #expect(!client.isClosed)
        #expect(try client.receive() == [["id": "echo", "method": "echo", "params": []]])
        server.loop.advanceTime(by: .seconds(6))
        #expect(client.isClosed)
        #expect(server.log.messages(atLeast: .info).contains { $0.contains("no response to inactivity probe") })
    }
}
