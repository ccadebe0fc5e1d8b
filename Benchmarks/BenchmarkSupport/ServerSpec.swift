import OVSDB

/// How to run one OVSDB server under test: its executable and an argument template,
/// so that the benchmarks run Debian's `ovsdb-server` and `digestsync serve` the same
/// way (``ServerProcess`` expands and runs it).
///
/// The template's placeholders:
/// - an argument that is exactly `{db}` becomes the database file paths, one argument
///   each;
/// - `{remote}` anywhere in an argument becomes the passive remote to listen on
///   (`punix:PATH` or `ptcp:PORT:127.0.0.1`, OVS syntax);
/// - `{dir}` anywhere in an argument becomes the server's private directory (for pid,
///   log and control files).
public struct ServerSpec: Hashable, Sendable {
    /// The name reported in results (`ovsdb-server`, `digestsync`).
    public var name: String
    /// The program to run.
    public var executable: String
    /// The argument template.
    public var arguments: [String]

    /// A server run as `executable` with the argument template `arguments`.
    public init(name: String, executable: String, arguments: [String]) {
        self.name = name
        self.executable = executable
        self.arguments = arguments
    }

    /// Open vSwitch's `ovsdb-server` in the foreground, with its pid file, log file
    /// and control socket in the server's directory (ovsdb-server(1)).
    public static func ovsdbServer(executable: String) -> ServerSpec {
        ServerSpec(name: "ovsdb-server", executable: executable,
                   arguments: ["--remote={remote}", "--no-chdir", "--pidfile={dir}/server.pid",
                               "--log-file={dir}/server.log", "--unixctl={dir}/server.ctl", "{db}"])
    }

    /// DigestSync's server, `digestsync serve DB... --remote REMOTE`.
    public static func digestsync(executable: String) -> ServerSpec {
        ServerSpec(name: "digestsync", executable: executable, arguments: ["serve", "{db}", "--remote", "{remote}"])
    }

    /// The template with its placeholders replaced.
    public func expandedArguments(databases: [String], remote: OVSDBRemote, directory: String) -> [String] {
        arguments.flatMap { argument -> [String] in
            if argument == "{db}" { return databases }
            return [argument.replacingOccurrences(of: "{remote}", with: remote.description)
                .replacingOccurrences(of: "{dir}", with: directory)]
        }
    }
}
