import Foundation

/// Where the installed Open vSwitch and OVN programs and schemas are (Debian's
/// `openvswitch-common`, `openvswitch-switch`, `ovn-common`): the reference server and
/// tools every benchmark and interop test compares against.
public struct OVSInstallation: Sendable {
    /// `ovsdb-server`.
    public var server: String
    /// `ovsdb-tool`.
    public var tool: String
    /// The OVN_Southbound schema (`ovn-sb.ovsschema`).
    public var southboundSchema: String

    /// Directories searched for the programs, after `PATH`.
    public static let programDirectories = ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin"]
    /// Where OVN installs its schemas.
    public static let schemaDirectories = ["/usr/share/ovn", "/usr/local/share/ovn"]

    /// An installation with the given paths.
    public init(server: String, tool: String, southboundSchema: String) {
        self.server = server
        self.tool = tool
        self.southboundSchema = southboundSchema
    }

    /// Finds the programs and the schema; throws ``ProcessError/notInstalled(_:searched:)``
    /// naming the first one missing.
    public static func find() throws(ProcessError) -> OVSInstallation {
        OVSInstallation(server: try program("ovsdb-server"), tool: try program("ovsdb-tool"),
                        southboundSchema: try file("ovn-sb.ovsschema", in: schemaDirectories))
    }

    /// The path of the program `name`, searched in `PATH` and ``programDirectories``.
    public static func program(_ name: String) throws(ProcessError) -> String {
        let path = ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").map(String.init) ?? []
        let directories = path + programDirectories
        for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
            return "\(directory)/\(name)"
        }
        throw .notInstalled(name, searched: directories)
    }

    private static func file(_ name: String, in directories: [String]) throws(ProcessError) -> String {
        for directory in directories where FileManager.default.fileExists(atPath: "\(directory)/\(name)") {
            return "\(directory)/\(name)"
        }
        throw .notInstalled(name, searched: directories)
    }
}
