/// The PEM files of an `ssl:` connection, as ovsdb-server and OVS's clients take them
/// (`--private-key`, `--certificate`, `--ca-cert`; server-client.md section 14).
///
/// ovsdb-server requires mutual TLS, so the client always presents its certificate, and
/// it verifies the server's certificate against `caCertificate` without checking the
/// host name, as OVS does.
public struct TLSFiles: Hashable, Sendable {
    /// The client's private key (PEM).
    public var privateKey: String
    /// The client's certificate (PEM), possibly followed by its chain.
    public var certificate: String
    /// The CA certificate that signed the server's certificate (PEM).
    public var caCertificate: String

    /// The three files by path.
    public init(privateKey: String, certificate: String, caCertificate: String) {
        self.privateKey = privateKey
        self.certificate = certificate
        self.caCertificate = caCertificate
    }
}
