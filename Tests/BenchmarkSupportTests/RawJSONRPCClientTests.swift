import Testing
import NIOPosix
import OVSDB
@testable import BenchmarkSupport

@Suite(.serialized) struct RawJSONRPCClientTests {
    /// Sends `request` on a plain python socket to `path` and reads until one JSON value
    /// has arrived; prints its size in bytes and the number of rows in its table-updates.
    private static let plainDumpScript = """
        import json, socket, sys
        s = socket.socket(socket.AF_UNIX)
        s.connect(sys.argv[1])
        s.sendall(sys.argv[2].encode())
        data = b""
        while True:
            chunk = s.recv(1 << 20)
            if not chunk: sys.exit("closed")
            data += chunk
            if data.rstrip().endswith(b"}"):
                try:
                    value, end = json.JSONDecoder().raw_decode(data.decode())
                    break
                except ValueError:
                    pass
        result = value["result"]
        updates = result if isinstance(result, dict) else result[2]
        print(len(data), sum(len(rows) for rows in updates.values()))
        """

    @Test(arguments: [MonitorMethod.monitorCond, .monitorCondSince(lastTransactionID: .zero)])
    func monitorDumpBytesAreWhatAPlainSocketReceives(method: MonitorMethod) async throws {
        try await LoadedServer.with(SouthboundSizes(logicalFlows: 3000, portsPerSwitch: 5)) { loaded, client, _ in
            let reply = try await client.monitorAll(database: SouthboundDatabase.name, schema: loaded.schema, method: method,
                                                    timeout: .seconds(60))
            var params: [JSON] = [.string(SouthboundDatabase.name), "bench",
                                  RawJSONRPCClient.monitorRequests(everyTableOf: loaded.schema)]
            if case .monitorCondSince = method { params.append(.string(OVSDBUUID.zero.description)) }
            let request = JSONRPCMessage.request(method: method.description, params: params, id: "raw-1").json.description
            guard case .unix(let path) = loaded.server.clientRemote else { throw RawClientError.unsupportedRemote("") }
            let plain = try await ToolRunner.check(try OVSInstallation.program("python3"),
                                                   ["-c", Self.plainDumpScript, path, request], timeout: .seconds(60))
            let fields = plain.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            #expect(fields == [reply.bytes, loaded.database.totalRows])
            #expect(reply.replyBytes == reply.bytes)
            #expect(reply.bytes > FrameCountingHandler.smallFrameLimit)
            #expect(reply.frames == 1)
            #expect(reply.result == nil && reply.error == nil)
        }
    }

    @Test func manyClientsOnOneGroupReceiveIdenticalDumps() async throws {
        try await LoadedServer.with(SouthboundSizes(logicalFlows: 1000, portsPerSwitch: 4), threads: 2) { loaded, _, group in
            let replies = try await withThrowingTaskGroup(of: RawReply.self) { tasks in
                for _ in 0..<20 {
                    tasks.addTask {
                        let client = try await RawJSONRPCClient.connect(to: loaded.server.clientRemote, group: group)
                        let reply = try await client.monitorAll(database: SouthboundDatabase.name, schema: loaded.schema,
                                                                method: .monitorCond, timeout: .seconds(60))
                        await client.close()
                        return reply
                    }
                }
                return try await tasks.reduce(into: []) { $0.append($1) }
            }
            #expect(replies.count == 20)
            #expect(Set(replies.map(\.bytes)).count == 1)
        }
    }

    @Test func smallRepliesAreParsedAndFailedTransactionsThrow() async throws {
        try await LoadedServer.with(SouthboundSizes(logicalFlows: 100, portsPerSwitch: 2)) { _, client, _ in
            let select = try await client.transact(database: SouthboundDatabase.name, operations: [
                ["op": "select", "table": "SB_Global", "where": [], "columns": ["nb_cfg"]],
            ])
            #expect(select.result == [["rows": [["nb_cfg": 1]]]])
            #expect(select.frames == 1 && select.bytes == select.replyBytes)
            await #expect(throws: RawClientError.self) {
                try await client.transact(database: SouthboundDatabase.name, operations: [
                    ["op": "insert", "table": "Chassis", "row": ["name": "x"]],
                ])
            }
            let unknown = try await client.call("frobnicate", [])
            #expect(unknown.error == "unknown method")
        }
    }

    @Test func aRequestWithoutReplyTimesOut() async throws {
        try await LoadedServer.with(SouthboundSizes(logicalFlows: 100, portsPerSwitch: 2)) { _, client, _ in
            let blockingWait: JSON = ["op": "wait", "table": "SB_Global", "where": [], "columns": ["nb_cfg"],
                                      "until": "==", "rows": [["nb_cfg": -1]]]
            await #expect {
                try await client.call("transact", [.string(SouthboundDatabase.name), blockingWait], timeout: .milliseconds(300))
            } throws: { error in
                guard case .timedOut = error as? RawClientError else { return false }
                return true
            }
        }
    }

    /// A fake server: for each connection that sends a request, it sends an echo probe,
    /// closes the connection unless the probe's reply is right, then sends a
    /// notification and a reply of 200,000 `a`s with the id last, in pieces.
    private static let fakeServerScript = """
        import json, socket, sys, time
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(sys.argv[1][len("punix:"):])
        listener.listen(5)
        def read_value(conn, buffer):
            while True:
                text = buffer.decode().lstrip()
                if text:
                    try:
                        value, end = json.JSONDecoder().raw_decode(text)
                        return value, text[end:].encode()
                    except ValueError:
                        pass
                chunk = conn.recv(65536)
                if not chunk: return None, b""
                buffer += chunk
        while True:
            conn, _ = listener.accept()
            request, rest = read_value(conn, b"")
            if request is None: continue
            conn.sendall(b'{"id":"echo","method":"echo","params":["probe",1]}')
            echo, rest = read_value(conn, rest)
            if echo != {"id": "echo", "result": ["probe", 1], "error": None}:
                conn.close(); continue
            conn.sendall(b'{"id":null,"method":"update2","params":["m",{}]}\\n')
            reply = '{"result":{"data":"' + "a" * 200000 + '"},"error":null,"id":"' + request["id"] + '"}'
            for start in range(0, len(reply), 7000):
                conn.sendall(reply[start:start + 7000].encode()); time.sleep(0.001)
            time.sleep(30)
        """

    @Test func largeRepliesWithTheIDLastAreFoundAndEchoProbesAnswered() async throws {
        let directory = try ScratchDirectory(prefix: "benchmark-tests")
        let spec = ServerSpec(name: "fake", executable: try OVSInstallation.program("python3"),
                              arguments: ["-c", Self.fakeServerScript, "{remote}"])
        let server = try ServerProcess(spec: spec, databases: [], directory: directory.path)
        try await server.start(timeout: .seconds(30))
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let client = try await RawJSONRPCClient.connect(to: server.clientRemote, group: group)
        let reply = try await client.call("get", [], parseReply: false, timeout: .seconds(30))
        let echo = #"{"id":"echo","method":"echo","params":["probe",1]}"#.utf8.count
        let notification = #"{"id":null,"method":"update2","params":["m",{}]}"#.utf8.count + 1
        let large = #"{"result":{"data":""},"error":null,"id":"raw-1"}"#.utf8.count + 200_000
        #expect(reply.bytes == echo + notification + large)
        #expect(reply.frames == 3)
        #expect(reply.replyBytes == large)
        #expect(reply.result == nil)
        await client.close()
        await server.stop()
        try await group.shutdownGracefully()
    }

    @Test func theIDScanFindsOnlyTopLevelMembersWithTheRequestsID() {
        func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
        #expect(RawFrameSniffer.carriesID("raw-7", head: bytes(#"{"id":"raw-7","result":{"#), tail: []))
        #expect(RawFrameSniffer.carriesID("raw-7", head: [], tail: bytes(#"}]},"error":null, "id" : "raw-7" }"#)))
        #expect(!RawFrameSniffer.carriesID("raw-7", head: bytes(#"{"id":"raw-70","result":{"#), tail: []))
        #expect(!RawFrameSniffer.carriesID("raw-7", head: bytes(#"{"x":"\"id\":\"raw-7\"","#), tail: []))
        #expect(!RawFrameSniffer.carriesID("raw-7", head: bytes(#"{"id":null,"method":"update2""#), tail: bytes(#""raw-7"]}"#)))
        #expect(!RawFrameSniffer.carriesID("raw-7", head: bytes(#"{"id":"raw-7"#), tail: []))
    }
}
