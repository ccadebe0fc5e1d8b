import NIOCore
import NIOPosix
import OVSDB
import Synchronization

/// A lightweight OVSDB JSON-RPC client for benchmarks: it sends requests and counts the
/// bytes and frames that come back, without building a replica of anything.
///
/// The server benchmarks open hundreds of these on one `MultiThreadedEventLoopGroup`
/// to ask a server under test for the initial dump of every table
/// (``monitorAll(database:schema:method:monitorID:timeout:)``) and to time small
/// transactions (``transact(database:operations:timeout:)``). Large replies are only
/// counted (their frames are found by ``JSONBoundaryFramer`` and matched to the request
/// by a cheap id scan, see ``FrameCountingHandler``); small ones are parsed. The client
/// answers the server's `echo` probes, so it can stay connected over TCP. Requests may
/// be pipelined; each gets its own string id.
public final class RawJSONRPCClient: Sendable {
    private let channel: Channel
    private let nextID = Atomic<Int>(1)

    private init(channel: Channel) {
        self.channel = channel
    }

    /// Connects to `remote` (`unix:PATH` or `tcp:IP:PORT`) on an event loop of `group`.
    /// Frames are bounded by `limits` (a larger one closes the connection).
    public static func connect(to remote: OVSDBRemote, group: EventLoopGroup,
                               limits: JSONParserLimits = .default) async throws(RawClientError) -> RawJSONRPCClient {
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelOption(.recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 4096, initial: 65536,
                                                                                  maximum: 1 << 20))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(FrameCountingHandler(limits: limits))
                }
            }
        let connecting: EventLoopFuture<Channel>
        switch remote {
        case .unix(let path): connecting = bootstrap.connect(unixDomainSocketPath: path)
        case .tcp(let host, let port): connecting = bootstrap.connect(host: host, port: port)
        default: throw .unsupportedRemote(remote.description)
        }
        do {
            return RawJSONRPCClient(channel: try await connecting.get())
        } catch {
            throw .connectionFailed("\(remote): \(error)")
        }
    }

    /// Sends the request `method(params)` and waits for its reply. With `parseReply`
    /// false a reply larger than 64 KiB is counted but not parsed (its
    /// ``RawReply/result`` is nil; a large reply is taken to be a success). Fails with
    /// ``RawClientError/timedOut(seconds:)`` if no reply comes within `timeout`.
    public func call(_ method: String, _ params: [JSON], parseReply: Bool = true,
                     timeout: Duration? = nil) async throws(RawClientError) -> RawReply {
        let id = "raw-\(nextID.add(1, ordering: .relaxed).oldValue)"
        let promise = channel.eventLoop.makePromise(of: RawReply.self)
        let message = JSONRPCMessage.request(method: method, params: params, id: .string(id))
        let request = PendingRequest(id: id, bytes: message.json.serialized(), parsesReply: parseReply, promise: promise)
        channel.writeAndFlush(request).whenFailure { promise.fail(RawClientError.connectionFailed("\($0)")) }
        if let timeout {
            let channel = channel
            let deadline = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
                try? channel.pipeline.syncOperations.handler(type: FrameCountingHandler.self).expire(id, after: timeout)
            }
            promise.futureResult.whenComplete { _ in deadline.cancel() }
        }
        do {
            return try await promise.futureResult.get()
        } catch let error as RawClientError {
            throw error
        } catch {
            throw .connectionFailed("\(error)")
        }
    }

    /// Closes the connection.
    public func close() async {
        try? await channel.close()
    }
}
