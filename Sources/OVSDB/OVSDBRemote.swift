/// Where an OVSDB peer listens or connects, in Open vSwitch's remote syntax
/// (ovsdb-server(1) `--remote`, ovsdb-client(1) `SERVER`, `Documentation/ref/ovsdb.7.rst`
/// "Connection Methods").
///
/// Passive remotes (`ptcp:`, `pssl:`, `punix:`) are what `digestsync serve --remote`
/// takes; active ones (`tcp:`, `ssl:`, `unix:`) are what clients connect to. An IPv6
/// address is written in brackets: `tcp:[::1]:6640`, `ptcp:6640:[::1]`.
public enum OVSDBRemote: Hashable, Sendable, CustomStringConvertible {
    /// `ptcp:PORT[:IP]`: listen for TCP on `port` (0: any free port) at `host`
    /// (all addresses, `0.0.0.0`, when omitted).
    case passiveTCP(port: Int, host: String)
    /// `pssl:PORT[:IP]`: like `passiveTCP`, with TLS.
    case passiveSSL(port: Int, host: String)
    /// `punix:PATH`: listen on a unix domain socket.
    case passiveUnix(path: String)
    /// `tcp:IP:PORT`: connect over TCP.
    case tcp(host: String, port: Int)
    /// `ssl:IP:PORT`: connect over TCP with TLS.
    case ssl(host: String, port: Int)
    /// `unix:PATH`: connect to a unix domain socket.
    case unix(path: String)

    /// OVS's default OVSDB port (IANA-assigned), used when an active remote omits it.
    public static let defaultPort = 6640

    /// Parses a remote such as `ptcp:6642:127.0.0.1` or `unix:/run/ovn/ovnsb_db.sock`.
    public init(parsing text: String) throws(OVSDBRemoteError) {
        guard let colon = text.firstIndex(of: ":") else { throw .unknownMethod(text) }
        let method = String(text[..<colon])
        let rest = String(text[text.index(after: colon)...])
        switch method {
        case "punix", "unix":
            guard !rest.isEmpty else { throw .missingPath(text) }
            self = method == "punix" ? .passiveUnix(path: rest) : .unix(path: rest)
        case "ptcp", "pssl":
            let (portText, hostText) = Self.splitFirst(rest)
            let port = try Self.port(portText, in: text)
            var host = "0.0.0.0"
            if let hostText { host = try Self.host(hostText, in: text) }
            self = method == "ptcp" ? .passiveTCP(port: port, host: host) : .passiveSSL(port: port, host: host)
        case "tcp", "ssl":
            let (hostText, portText) = try Self.splitHostPort(rest, in: text)
            let host = try Self.host(hostText, in: text)
            var port = Self.defaultPort
            if let portText { port = try Self.port(portText, in: text) }
            guard port > 0 else { throw .invalidPort(text) }
            self = method == "tcp" ? .tcp(host: host, port: port) : .ssl(host: host, port: port)
        default:
            throw .unknownMethod(text)
        }
    }

    /// True for `ptcp:`, `pssl:` and `punix:`.
    public var isPassive: Bool {
        switch self {
        case .passiveTCP, .passiveSSL, .passiveUnix: return true
        case .tcp, .ssl, .unix: return false
        }
    }

    /// True for `pssl:` and `ssl:`.
    public var usesTLS: Bool {
        switch self {
        case .passiveSSL, .ssl: return true
        default: return false
        }
    }

    /// The remote in OVS's syntax (IPv6 addresses in brackets).
    public var description: String {
        switch self {
        case .passiveTCP(let port, let host): return "ptcp:\(port):\(Self.bracketed(host))"
        case .passiveSSL(let port, let host): return "pssl:\(port):\(Self.bracketed(host))"
        case .passiveUnix(let path): return "punix:\(path)"
        case .tcp(let host, let port): return "tcp:\(Self.bracketed(host)):\(port)"
        case .ssl(let host, let port): return "ssl:\(Self.bracketed(host)):\(port)"
        case .unix(let path): return "unix:\(path)"
        }
    }

    private static func bracketed(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }

    /// `"6640:1.2.3.4"` -> ("6640", "1.2.3.4"); `"6640"` -> ("6640", nil).
    private static func splitFirst(_ text: String) -> (String, String?) {
        guard let colon = text.firstIndex(of: ":") else { return (text, nil) }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    /// `"1.2.3.4:6640"`, `"[::1]:6640"`, `"1.2.3.4"` -> host and optional port.
    private static func splitHostPort(_ text: String, in remote: String) throws(OVSDBRemoteError) -> (String, String?) {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw .invalidHost(remote) }
            let host = String(text[...close])
            let after = text[text.index(after: close)...]
            if after.isEmpty { return (host, nil) }
            guard after.first == ":" else { throw .invalidHost(remote) }
            return (host, String(after.dropFirst()))
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw .invalidHost(remote) }
        return (String(parts[0]), parts.count == 2 ? String(parts[1]) : nil)
    }

    private static func host(_ text: String, in remote: String) throws(OVSDBRemoteError) -> String {
        var host = text
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count > 2 else { throw .invalidHost(remote) }
            host = String(host.dropFirst().dropLast())
        }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw .invalidHost(remote)
        }
        return host
    }

    private static func port(_ text: String, in remote: String) throws(OVSDBRemoteError) -> Int {
        guard let port = Int(text), (0...65535).contains(port) else { throw .invalidPort(remote) }
        return port
    }
}

/// Why a remote string could not be parsed; each case carries the whole remote.
public enum OVSDBRemoteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not one of `ptcp:`, `pssl:`, `punix:`, `tcp:`, `ssl:`, `unix:`.
    case unknownMethod(String)
    /// `unix:` or `punix:` without a path.
    case missingPath(String)
    /// A port that is not a number from 0 to 65535 (active remotes need 1 or more).
    case invalidPort(String)
    /// An empty or malformed host.
    case invalidHost(String)

    /// What is wrong, naming the remote.
    public var description: String {
        switch self {
        case .unknownMethod(let remote):
            return "\(remote): unknown connection method (expected ptcp:, pssl:, punix:, tcp:, ssl: or unix:)"
        case .missingPath(let remote): return "\(remote): missing socket path"
        case .invalidPort(let remote): return "\(remote): invalid port"
        case .invalidHost(let remote): return "\(remote): invalid host"
        }
    }
}
