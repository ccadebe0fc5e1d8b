import OVSDB
import OVSTestSupport
import Testing
@testable import SyncClient

/// The fallback path against Debian's ovsdb-server, standalone and clustered: the
/// digest step answered "unknown method", then monitor_cond_since, monitor_cond and
/// monitor refused in turn (by a proxy, or by the server's own
/// `ovsdb-server/disable-monitor-cond`), each time on the same connection.
@Suite(.timeLimit(.minutes(1))) struct FallbackTests {
    /// Expects the proxy to have seen exactly `expected` (waiting for requests still on
    /// their way).
    static func expectMethods(_ proxy: JSONRPCProxy, _ expected: [String],
                              sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await eventually("\(expected.count) requests") { proxy.methods.count >= expected.count }
        try await Task.sleep(for: .milliseconds(50))
        #expect(proxy.methods == expected, sourceLocation: sourceLocation)
    }

    /// Cuts the client's connection once its replica was synced, and waits for it to be
    /// back; the proxy then holds the methods of the reconnect only.
    static func reconnect(_ proxy: JSONRPCProxy, _ client: SyncClient) async throws {
        let states = StateRecorder(client)
        proxy.pause()
        try await eventually("the client notices") { states.all.contains { if case .waiting = $0 { true } else { false } } }
        proxy.clearMethods()
        proxy.resume()
        try await eventually("resynced") { states.all.last?.isMonitoring == true }
    }

    @Test(arguments: [false, true])
    func digestResyncIsUnknownToOvsdbServerAndTheClientGoesOn(clustered: Bool) async throws {
        let server = try await TestServer.make(clustered: clustered)
        try await ReconnectTests.seed(server, rows: 100)
        let proxy = try await JSONRPCProxy.make(path: "\(server.directory.path)/proxy.sock", upstream: server.socketPath)
        let client = try await SyncClient.synced(.test([proxy.remote], digest: .ibf))
        try await Self.expectMethods(proxy, ["get_schema", "monitor_cond", "monitor_cond_since", "set_db_change_aware"])

        try await Self.reconnect(proxy, client)
        try await Self.expectMethods(proxy, ["get_schema", "monitor_cond", "digest_resync", "monitor_cond_since",
                                             "set_db_change_aware"])
        guard case .monitoring(let info) = client.state else { Issue.record("not monitoring"); return }
        #expect(info.method == .monitorCondSince(found: clustered))
        let results = try await client.transact([["op": "insert", "table": "Child", "row": ["k": 77]]])
        let uuid = try #require(results.first?["uuid"]?[1]?.stringValue.flatMap(OVSDBUUID.init))
        #expect(client.snapshot.row("Child", uuid)?.integer("k") == 77)
        await client.shutdown()
    }

    @Test(arguments: [false, true])
    func refusedSinceFallsBackToMonitorCond(clustered: Bool) async throws {
        let server = try await TestServer.make(clustered: clustered)
        let proxy = try await JSONRPCProxy.make(path: "\(server.directory.path)/proxy.sock", upstream: server.socketPath,
                                     refusing: ["monitor_cond_since", "digest_resync"])
        let client = try await SyncClient.synced(.test([proxy.remote],
                                                      tables: ["Child": MonitorRequest(where: [["k", ">", 0]])]))
        try await Self.expectMethods(proxy, ["get_schema", "monitor_cond", "monitor_cond_since", "monitor_cond",
                                             "set_db_change_aware"])
        guard case .monitoring(let info) = client.state else { Issue.record("not monitoring"); return }
        #expect(info.method == .monitorCond)
        try await server.transact([["op": "insert", "table": "Child", "row": ["k": 1]], ["op": "insert", "table": "Child", "row": ["k": 0]]])
        try await eventually("update2 arrives") { client.snapshot[table: "Child"]?.count == 1 }

        try await Self.reconnect(proxy, client)
        try await Self.expectMethods(proxy, ["get_schema", "monitor_cond", "digest_resync", "monitor_cond_since",
                                             "monitor_cond", "set_db_change_aware"])
        #expect(client.snapshot[table: "Child"]?.count == 1)
        await client.shutdown()
    }

    /// Who refuses `monitor_cond` and `monitor_cond_since`.
    enum Refusal: CaseIterable, Sendable {
        /// ovsdb-server itself, after `ovs-appctl ovsdb-server/disable-monitor-cond`.
        case server
        /// The proxy, answering both with "unknown method".
        case proxy
    }

    @Test(arguments: [false, true], Refusal.allCases)
    func serverWithoutMonitorCondIsMonitoredWithPlainMonitor(clustered: Bool, refusal: Refusal) async throws {
        let server = try await TestServer.make(clustered: clustered)
        try await server.transact([["op": "insert", "table": "Child", "row": ["k": 1]], ["op": "insert", "table": "Child", "row": ["k": 2]]])
        if refusal == .server { _ = try await server.appctl(["ovsdb-server/disable-monitor-cond"]) }
        let proxy = try await JSONRPCProxy.make(path: "\(server.directory.path)/proxy.sock", upstream: server.socketPath,
                                                refusing: refusal == .proxy ? ["monitor_cond", "monitor_cond_since"] : [])
        let client = try await SyncClient.synced(.test([proxy.remote],
                                                      tables: ["Child": MonitorRequest(where: [["k", "==", 1]])]))
        try await Self.expectMethods(proxy, ["get_schema", "monitor_cond", "get_schema", "monitor_cond", "monitor"])
        guard case .monitoring(let info) = client.state else { Issue.record("not monitoring"); return }
        #expect(info.method == .monitor)
        // Plain monitor has no conditions: every row is replicated, as in OVS's IDLs.
        #expect(client.snapshot[table: "Child"]?.count == 2)
        try await withTimeout(5, "condition") { try await client.setCondition(table: "Child", where: [["k", "==", 2]]) }
        let recorder = ChangeRecorder(client)
        try await server.transact([["op": "update", "table": "Child", "where": [["k", "==", 2]], "row": ["tag": "v1"]]])
        try await eventually("update arrives") { recorder.changes("Child").modified.count == 1 }
        #expect(recorder.changes("Child").modified.first?.changedColumns == ["tag"])

        try await Self.reconnect(proxy, client)
        try await Self.expectMethods(proxy, ["get_schema", "monitor_cond", "get_schema", "digest_resync", "monitor_cond",
                                             "monitor"])
        await client.shutdown()
    }
}
