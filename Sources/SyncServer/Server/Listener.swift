import OVSDB

/// A remote the server listens on, and where clients reach it.
public struct Listener: Sendable, CustomStringConvertible {
    /// The remote as configured (`ptcp:0:127.0.0.1`).
    public var remote: OVSDBRemote
    /// The remote clients connect to (`tcp:127.0.0.1:41234`): the real port of a
    /// `ptcp:0` remote.
    public var address: OVSDBRemote

    /// `<address> (<remote>)`.
    public var description: String { "\(address) (\(remote))" }
}
