import Foundation
import OVSDB
import OVSTestSupport
import Testing

/// `pssl:` with certificates made by `openssl` at run time (notes section 14): an
/// `ovsdb-client` with a certificate signed by the CA is served; one whose certificate
/// another CA signed is refused (mutual TLS, as `ovsdb-server`).
@Suite(.serialized) struct TLSTests {
    /// Makes a CA and a certificate and key for each of `names`, signed by it, in
    /// `directory`: `<ca>.pem`, `<name>-cert.pem`, `<name>-key.pem`.
    private static func makeCertificates(ca: String, names: [String], in directory: String) throws {
        func openssl(_ arguments: [String]) throws {
            let result = try OVSTool.run(path: "/usr/bin/openssl", arguments, timeout: 30)
            guard result.status == 0 else { throw ToolFailure(description: "openssl \(arguments): \(result.stderr)") }
        }
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(directory)/\(ca)-key.pem",
                     "-out", "\(directory)/\(ca).pem", "-days", "1", "-subj", "/CN=\(ca)"])
        for name in names {
            try openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(directory)/\(name)-key.pem",
                         "-out", "\(directory)/\(name).csr", "-subj", "/CN=\(name)"])
            try openssl(["x509", "-req", "-in", "\(directory)/\(name).csr", "-CA", "\(directory)/\(ca).pem",
                         "-CAkey", "\(directory)/\(ca)-key.pem", "-CAcreateserial", "-out", "\(directory)/\(name)-cert.pem", "-days", "1"])
        }
    }

    @Test func clientsWithACertificateOfTheCAAreServedOthersRefused() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path
        try Self.makeCertificates(ca: "ca", names: ["server", "client"], in: path)
        try Self.makeCertificates(ca: "otherca", names: ["stranger"], in: path)
        let schema = try directory.write(ServerTestSchema.json.description, to: "test.ovsschema")
        let server = try ServerProcess(.digestsync, databases: try ServerProcess.createDatabases([schema], in: path, prefix: ""),
                                       directory: path, extraRemotes: ["pssl:0:127.0.0.1"],
                                       extraArguments: ["--private-key", "\(path)/server-key.pem", "--certificate", "\(path)/server-cert.pem",
                                                        "--ca-cert", "\(path)/ca.pem"])
        defer { server.stop() }
        let remote = try #require(server.listening.first { $0.hasPrefix("ssl:") })
        let client = ["-p", "\(path)/client-key.pem", "-c", "\(path)/client-cert.pem", "-C", "\(path)/ca.pem"]
        let listed = try OVSTool.run("ovsdb-client", client + ["--timeout=20", "list-dbs", remote])
        #expect(listed.stdout == "Test\n_Server\n", "\(listed.stderr)")
        let inserted = try OVSTool.run("ovsdb-client", client + ["--timeout=20", "transact", remote,
                                                                 #"["Test",{"op":"insert","table":"Child","row":{"k":1}}]"#])
        #expect(inserted.status == 0 && inserted.stdout.contains("uuid"))
        let stranger = ["-p", "\(path)/stranger-key.pem", "-c", "\(path)/stranger-cert.pem", "-C", "\(path)/ca.pem"]
        let refused = try OVSTool.run("ovsdb-client", stranger + ["--timeout=5", "list-dbs", remote])
        #expect(refused.status != 0)
        #expect(!refused.stdout.contains("Test"))
    }
}
