#if canImport(Glibc)
import Glibc
#endif
import OVSDB

/// Plain blocking socket calls for managing local servers: whether one accepts
/// connections yet, and a free TCP port to give it.
enum LocalSocket {
    /// True if a connection to `remote` (`unix:` or `tcp:`) succeeds now; the
    /// connection is closed at once.
    static func canConnect(to remote: OVSDBRemote) -> Bool {
        switch remote {
        case .unix(let path):
            return withSocket(AF_UNIX) { descriptor in
                guard var address = unixAddress(path) else { return false }
                return withUnsafePointer(to: &address) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
                    }
                }
            }
        case .tcp(let host, let port):
            return withSocket(AF_INET) { descriptor in
                guard var address = inetAddress(host, port: port) else { return false }
                return withUnsafePointer(to: &address) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                    }
                }
            }
        default:
            return false
        }
    }

    /// A TCP port on `host` that nothing listens on now (the kernel's choice for port
    /// 0), or nil if none could be had.
    static func freeTCPPort(host: String = "127.0.0.1") -> Int? {
        withSocket(AF_INET) { descriptor -> Int? in
            guard var address = inetAddress(host, port: 0) else { return nil }
            let bound = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            guard bound, withUnsafeMutablePointer(to: &address, { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) == 0 }
            }) else { return nil }
            return Int(UInt16(bigEndian: address.sin_port))
        }
    }

    private static func withSocket<T>(_ family: Int32, _ body: (Int32) -> T?) -> T? {
        let descriptor = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return body(descriptor)
    }

    private static func withSocket(_ family: Int32, _ body: (Int32) -> Bool) -> Bool {
        withSocket(family) { descriptor -> Bool? in body(descriptor) } ?? false
    }

    private static func unixAddress(_ path: String) -> sockaddr_un? {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        return address
    }

    private static func inetAddress(_ host: String, port: Int) -> sockaddr_in? {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(truncatingIfNeeded: port).bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return nil }
        return address
    }
}
