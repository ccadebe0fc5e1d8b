import Foundation
#if canImport(Glibc)
import Glibc
#endif
import OVSDB

/// A blocking client connection to a unix socket, every wait bounded by a deadline:
/// enough to speak JSON-RPC to a real `ovsdb-server` in tests.
public final class UnixSocketConnection {
    private let descriptor: Int32

    /// Connects to the unix socket at `path`.
    public init(path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ToolFailure(description: "socket() failed: \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        // On a throw below, deinit closes the descriptor (it runs once every stored
        // property is set); closing it here too would close whatever descriptor another
        // thread opened under the same number in between.
        guard pathBytes.count < capacity else {
            throw ToolFailure(description: "socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: pathBytes)
        }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            throw ToolFailure(description: "connect(\(path)) failed: \(errno)")
        }
    }

    deinit {
        close(descriptor)
    }

    /// Writes all of `bytes`.
    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { throw ToolFailure(description: "write failed: \(errno)") }
            offset += written
        }
    }

    /// The next bytes received, or [] once the peer has closed the connection.
    public func receive(before deadline: Date) throws -> [UInt8] {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(max(0, deadline.timeIntervalSinceNow) * 1000)
        guard poll(&poller, 1, milliseconds) > 0 else {
            throw ToolFailure(description: "nothing received before the deadline")
        }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count >= 0 else { throw ToolFailure(description: "read failed: \(errno)") }
        return Array(buffer[..<count])
    }

    /// Reads until `count` JSON-RPC messages have arrived (framed by
    /// ``JSONStreamFramer``) or the deadline passes.
    public func receiveMessages(_ count: Int, timeout: TimeInterval = 10) throws -> [JSONRPCMessage] {
        let deadline = Date().addingTimeInterval(timeout)
        var framer = JSONStreamFramer()
        var messages: [JSONRPCMessage] = []
        while messages.count < count {
            let bytes = try receive(before: deadline)
            guard !bytes.isEmpty else { throw ToolFailure(description: "connection closed after \(messages)") }
            for value in try framer.feed(bytes) {
                messages.append(try JSONRPCMessage(json: value))
            }
        }
        return messages
    }

    /// Waits until the peer closes the connection.
    public func waitForClose(timeout: TimeInterval = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while try !receive(before: deadline).isEmpty {}
    }
}
