import NIOCore
import OVSDB

/// What a connection holds to reach the ``ServerCore``: each call hops to the database
/// loop, so calls made from one channel run there in the order they were made.
struct ServerCoreHandle: Sendable {
    /// The core, usable on its loop only.
    let core: NIOLoopBound<ServerCore>

    /// The database loop.
    var loop: EventLoop { core.eventLoop }

    /// A handle to `core`; call on the core's loop.
    init(_ core: ServerCore) {
        self.core = NIOLoopBound(core, eventLoop: core.loop)
    }

    /// A connection was accepted.
    func open(_ id: SessionID, peer: String, transport: any SessionTransport) {
        let core = core
        loop.execute { core.value.open(id, peer: peer, transport: transport) }
    }

    /// A message arrived on connection `id`; `flow` learns when it has been handled.
    /// A connection served on the database loop itself is handled at once, without a
    /// hop.
    func receive(_ message: JSONRPCMessage, from id: SessionID, flow: SessionFlow, transport: any SessionTransport) {
        let core = core
        if loop.inEventLoop {
            core.value.receive(message, from: id)
            if flow.handled() { transport.resumeReading() }
            return
        }
        loop.execute {
            core.value.receive(message, from: id)
            if flow.handled() { transport.resumeReading() }
        }
    }

    /// Connection `id` closed.
    func close(_ id: SessionID) {
        let core = core
        loop.execute { core.value.close(id) }
    }
}
