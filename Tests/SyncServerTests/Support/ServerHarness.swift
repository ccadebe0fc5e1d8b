import Logging
import NIOCore
import NIOEmbedded
@testable import OVSDB
import OVSTestSupport
@testable import SyncServer

/// A ``ServerCore`` on an `EmbeddedEventLoop` serving database files in a temporary
/// directory, with clients that are `EmbeddedChannel`s running the real pipeline
/// (framer, session handler): the whole protocol without sockets or threads. The
/// database loop and every channel share the one embedded loop, so ``TestClient``
/// runs it after each step.
final class ServerHarness {
    let directory: TemporaryDirectory
    let loop = EmbeddedEventLoop()
    let log = CapturedLog()
    private(set) var core: ServerCore
    private var configuration: ServerConfiguration
    private var nextSession = 0

    /// Creates one database file per schema (the test schema by default) and serves
    /// them.
    init(schemas: [JSON] = [ServerTestSchema.json], historyLength: Int = 100,
         digest: DigestConfiguration = DigestConfiguration()) throws {
        directory = try TemporaryDirectory()
        var paths: [String] = []
        for (number, schema) in schemas.enumerated() {
            let path = "\(directory.path)/db\(number)"
            try StandaloneStorage.create(path: path, schema: try DatabaseSchema(json: schema)).close()
            paths.append(path)
        }
        configuration = ServerConfiguration(databases: paths, remotes: [])
        configuration.historyLength = historyLength
        configuration.digest = digest
        core = try ServerCore.open(configuration, loop: loop, logger: log.logger)
    }

    /// Stops the core and opens the files again, as a server restart does.
    func restart() throws {
        core.shutdown()
        loop.run()
        core = try ServerCore.open(configuration, loop: loop, logger: log.logger)
    }

    /// A connected client.
    func connect(maxPendingMessages: Int = 64, inactivityProbe: TimeAmount? = nil) throws -> TestClient {
        nextSession += 1
        let limits = SessionLimits(maxBacklogBytes: 1 << 30, maxPendingMessages: maxPendingMessages,
                                   inactivityProbe: inactivityProbe, scheme: "unix")
        let channel = EmbeddedChannel(loop: loop)
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(JSONRPCFramer()))
        try channel.pipeline.syncOperations.addHandler(
            SessionHandler(core: ServerCoreHandle(core), id: SessionID(number: nextSession), limits: limits, logger: log.logger))
        try channel.connect(to: SocketAddress(unixDomainSocketPath: "/embedded")).wait()
        let client = TestClient(channel: channel, loop: loop)
        client.settle()
        return client
    }
}

/// One client of a ``ServerHarness``: sends JSON-RPC text, collects what the server
/// writes back, parsed.
final class TestClient {
    let channel: EmbeddedChannel
    private let loop: EmbeddedEventLoop
    private var framer = JSONStreamFramer()
    private var inbox: [JSON] = []
    private var nextID: Int64 = 0
    /// Every buffer the server wrote, in order (a shared update body is one of them).
    private(set) var buffers: [ByteBuffer] = []

    init(channel: EmbeddedChannel, loop: EmbeddedEventLoop) {
        self.channel = channel
        self.loop = loop
    }

    /// Runs the loop until nothing is left to do.
    func settle() {
        for _ in 0..<10 { loop.run() }
    }

    /// Sends `text` as raw bytes.
    func send(raw text: String) throws {
        try send(bytes: Array(text.utf8))
    }

    /// Sends `bytes`.
    func send(bytes: [UInt8]) throws {
        try channel.writeInbound(ByteBuffer(bytes: bytes))
        settle()
    }

    /// Sends a request and returns its id.
    @discardableResult
    func request(_ method: String, _ params: [JSON]) throws -> JSON {
        nextID += 1
        let id = JSON.integer(nextID)
        try send(raw: JSON.object(["id": id, "method": .string(method), "params": .array(params)]).description)
        return id
    }

    /// Sends a request and returns everything received up to and including its reply.
    func call(_ method: String, _ params: [JSON]) throws -> [JSON] {
        let id = try request(method, params)
        var messages: [JSON] = []
        while true {
            let next = try receive()
            guard let message = next.first else { throw ToolFailure(description: "no reply to \(method) \(params); got \(messages)") }
            messages.append(message)
            inbox.insert(contentsOf: next.dropFirst(), at: 0)
            if message["id"] == id { return messages }
        }
    }

    /// Sends a request and returns its reply's `result` (or the whole reply if it is
    /// an error).
    func result(_ method: String, _ params: [JSON]) throws -> JSON {
        let reply = try call(method, params).last ?? .null
        return reply["error"] == .null ? (reply["result"] ?? .null) : reply
    }

    /// Everything received and not yet returned.
    func receive() throws -> [JSON] {
        settle()
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) {
            buffers.append(buffer)
            inbox += try framer.feed(Array(buffer.readableBytesView))
        }
        defer { inbox = [] }
        return inbox
    }

    /// True once the server closed the connection.
    var isClosed: Bool {
        settle()
        return !channel.isActive
    }
}

extension TestClient {
    /// Runs `operations` on `Test` and returns everything received up to the reply.
    func transact(_ operations: JSON...) throws -> [JSON] {
        try call("transact", ["Test"] + operations)
    }

    /// Inserts a `Simple` row with `row` and returns its UUID text.
    func insertSimple(_ row: JSON) throws -> String {
        let reply = try transact(["op": "insert", "table": "Simple", "row": row]).last
        guard let uuid = reply?["result"]?[0]?["uuid"]?[1]?.stringValue else {
            throw ToolFailure(description: "insert failed: \(String(describing: reply))")
        }
        return uuid
    }

    /// Updates the `Simple` row `uuid` with `row`.
    func updateSimple(_ uuid: String, _ row: JSON) throws -> [JSON] {
        try transact(["op": "update", "table": "Simple", "where": [["_uuid", "==", ["uuid", .string(uuid)]]], "row": row])
    }
}

/// The `params` of the update notifications among `messages`.
func updates(in messages: [JSON]) -> [[JSON]] {
    messages.filter { $0["method"]?.stringValue?.hasPrefix("update") == true }.compactMap { $0["params"]?.arrayValue }
}
