/// The PEM files of one end of an `ssl:` or `pssl:` connection, as `ovsdb-server` and
/// OVS's clients take them (`--private-key`, `--certificate`, `--ca-cert`). OVS uses
/// mutual TLS: each side presents its certificate (possibly followed by its chain) and
/// verifies the peer's against `caCertificate`, without checking host names.
/// `SyncServer` and `SyncClient` both configure their TLS from it.
public struct TLSFiles: Hashable, Sendable {
    /// This side's private key.
    public var privateKey: String
    /// This side's certificate, possibly followed by its chain.
    public var certificate: String
    /// The CA certificate the peer's certificate must chain to.
    public var caCertificate: String

    /// The three files by path.
    public init(privateKey: String, certificate: String, caCertificate: String) {
        self.privateKey = privateKey
        self.certificate = certificate
        self.caCertificate = caCertificate
    }
}
