import Foundation
import OVSDB

/// A standalone database file made by `ovsdb-tool create`, queried and changed by
/// `ovsdb-tool query` / `ovsdb-tool transact`: OVS itself as the oracle.
public final class ScratchDatabase: @unchecked Sendable {
    /// The directory holding the file.
    public let directory: TemporaryDirectory
    /// The database file.
    public let file: String
    /// The database (schema) name.
    public let name: String

    /// Creates the file from `schema` with `ovsdb-tool create`.
    public init(schema: JSON) throws {
        directory = try TemporaryDirectory()
        name = schema["name"]?.stringValue ?? ""
        let schemaFile = try directory.write(schema.description, to: "schema.ovsschema")
        file = "\(directory.path)/db"
        let created = try OVSTool.run("ovsdb-tool", ["create", file, schemaFile])
        guard created.status == 0 else {
            throw ToolFailure(description: "ovsdb-tool create failed: \(created.stderr)")
        }
    }

    /// Runs the operations with `ovsdb-tool transact` and returns the result array.
    public func transact(_ operations: [JSON]) throws -> [JSON] {
        try run("transact", operations)
    }

    /// Runs read-only operations with `ovsdb-tool query` and returns the result array.
    public func query(_ operations: [JSON]) throws -> [JSON] {
        try run("query", operations)
    }

    private func run(_ command: String, _ operations: [JSON]) throws -> [JSON] {
        let transaction = JSON.array([.string(name)] + operations).description
        let output = try OVSTool.run("ovsdb-tool", [command, file, transaction])
        guard output.status == 0, let results = try JSON(parsing: output.stdout).arrayValue else {
            throw ToolFailure(description: "ovsdb-tool \(command) failed: \(output.stderr)")
        }
        return results
    }
}
