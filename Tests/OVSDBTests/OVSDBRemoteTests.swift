import Testing
@testable import OVSDB

@Suite struct OVSDBRemoteTests {
    @Test(arguments: [
        ("ptcp:6640", OVSDBRemote.passiveTCP(port: 6640, host: "0.0.0.0")),
        ("ptcp:0:127.0.0.1", .passiveTCP(port: 0, host: "127.0.0.1")),
        ("pssl:6642:[::1]", .passiveSSL(port: 6642, host: "::1")),
        ("punix:/tmp/x/db.sock", .passiveUnix(path: "/tmp/x/db.sock")),
        ("tcp:127.0.0.1:6641", .tcp(host: "127.0.0.1", port: 6641)),
        ("tcp:10.0.0.1", .tcp(host: "10.0.0.1", port: 6640)),
        ("ssl:[fe80::1]:6643", .ssl(host: "fe80::1", port: 6643)),
        ("unix:/run/ovn/ovnsb_db.sock", .unix(path: "/run/ovn/ovnsb_db.sock")),
    ])
    func parsesOVSRemoteSyntax(text: String, remote: OVSDBRemote) throws {
        #expect(try OVSDBRemote(parsing: text) == remote)
        #expect(try OVSDBRemote(parsing: remote.description) == remote)
    }

    @Test(arguments: ["", "6640", "udp:1.2.3.4:5", "punix:", "unix:", "ptcp:x", "ptcp:70000",
                      "tcp:1.2.3.4:0", "tcp::6640", "tcp:[::1", "tcp:1:2:3", "ptcp:1:[]"])
    func rejectsMalformedRemotes(text: String) {
        #expect(throws: OVSDBRemoteError.self) { try OVSDBRemote(parsing: text) }
    }

    @Test func passiveAndTLSFlags() throws {
        #expect(try OVSDBRemote(parsing: "pssl:1").isPassive)
        #expect(try OVSDBRemote(parsing: "pssl:1").usesTLS)
        #expect(try !OVSDBRemote(parsing: "unix:/a").isPassive)
        #expect(try !OVSDBRemote(parsing: "tcp:a:1").usesTLS)
    }
}
