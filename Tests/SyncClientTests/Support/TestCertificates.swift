import Foundation
import OVSTestSupport

/// A CA, a server certificate and a client certificate made with `openssl` at run time
/// (server-client.md section 14), for `pssl:` servers and `ssl:` clients.
final class TestCertificates: @unchecked Sendable {
    let directory: TemporaryDirectory

    /// Makes the certificates (about a second of openssl), off the cooperative pool.
    static func make() async throws -> TestCertificates {
        try await offload { try TestCertificates() }
    }

    private init() throws {
        directory = try TemporaryDirectory()
        let path = directory.path
        let openssl = try OVSTool.executable("openssl")
        let steps: [[String]] = [
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(path)/ca-key.pem", "-out", "\(path)/ca.pem",
             "-days", "1", "-subj", "/CN=test-ca"],
            ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(path)/s-key.pem", "-out", "\(path)/s.csr", "-subj", "/CN=server"],
            ["x509", "-req", "-in", "\(path)/s.csr", "-CA", "\(path)/ca.pem", "-CAkey", "\(path)/ca-key.pem",
             "-CAcreateserial", "-out", "\(path)/s-cert.pem", "-days", "1"],
            ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(path)/c-key.pem", "-out", "\(path)/c.csr", "-subj", "/CN=client"],
            ["x509", "-req", "-in", "\(path)/c.csr", "-CA", "\(path)/ca.pem", "-CAkey", "\(path)/ca-key.pem",
             "-CAcreateserial", "-out", "\(path)/c-cert.pem", "-days", "1"],
        ]
        for step in steps {
            let output = try OVSTool.run(path: openssl, step, timeout: 30)
            guard output.status == 0 else { throw ToolFailure(description: "openssl \(step[0]): \(output.stderr)") }
        }
    }

    var caCertificate: String { "\(directory.path)/ca.pem" }
    var serverKey: String { "\(directory.path)/s-key.pem" }
    var serverCertificate: String { "\(directory.path)/s-cert.pem" }
    var clientKey: String { "\(directory.path)/c-key.pem" }
    var clientCertificate: String { "\(directory.path)/c-cert.pem" }
}
