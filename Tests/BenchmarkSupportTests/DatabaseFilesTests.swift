import Foundation
import Testing
import NIOPosix
import OVSDB
import BenchmarkSupport

@Suite(.serialized) struct DatabaseFilesTests {
    /// `monitor_cond_since` of SB_Global from `lastID`: the reply's found flag, last
    /// transaction id and number of rows.
    private func since(_ lastID: String, client: RawJSONRPCClient, monitor: String) async throws -> (Bool?, String?, Int) {
        let reply = try await client.call("monitor_cond_since", [
            .string(SouthboundDatabase.name), .string(monitor), ["SB_Global": [["columns": ["nb_cfg"]]]], .string(lastID),
        ], timeout: .seconds(30))
        let result = reply.result
        return (result?[0]?.boolValue, result?[1]?.stringValue, result?[2]?["SB_Global"]?.objectValue?.count ?? 0)
    }

    @Test func aOneMemberClusterServesTheContentsAndKeepsItsHistoryAcrossRestarts() async throws {
        let sizes = SouthboundSizes(logicalFlows: 300, portsPerSwitch: 2)
        try await LoadedServer.with(sizes) { loaded, _, group in
            await loaded.server.stop()
            let clustered = "\(loaded.directory.path)/cluster.db"
            try await DatabaseFiles.createCluster(at: clustered, from: loaded.file,
                                                  raftAddress: "unix:\(loaded.directory.path)/raft.sock",
                                                  installation: loaded.installation)
            let server = try ServerProcess(spec: .ovsdbServer(executable: loaded.installation.server), databases: [clustered],
                                           directory: "\(loaded.directory.path)/cluster")
            try await server.start(timeout: .seconds(30))
            let client = try await RawJSONRPCClient.connect(to: server.clientRemote, group: group)
            let (found, first, rows) = try await since(OVSDBUUID.zero.description, client: client, monitor: "a")
            #expect(found == false && rows == 1)
            #expect(first != nil && first != OVSDBUUID.zero.description)
            try await client.transact(database: SouthboundDatabase.name, operations: [
                ["op": "update", "table": "SB_Global", "where": [], "row": ["nb_cfg": 7]],
            ], timeout: .seconds(30))
            let (_, latest, _) = try await since(OVSDBUUID.zero.description, client: client, monitor: "b")
            await client.close()
            try await server.restart(timeout: .seconds(30))
            let again = try await RawJSONRPCClient.connect(to: server.clientRemote, group: group)
            let (resumed, last, changed) = try await since(latest ?? "", client: again, monitor: "c")
            #expect(resumed == true && last == latest && changed == 0)
            await again.close()
            await server.stop()
        }
    }

    @Test func copiesReplaceTheirDestination() throws {
        let directory = try ScratchDirectory(prefix: "benchmark-tests")
        let source = "\(directory.path)/a"
        let destination = "\(directory.path)/b"
        try "new contents".write(toFile: source, atomically: true, encoding: .utf8)
        try "old".write(toFile: destination, atomically: true, encoding: .utf8)
        try DatabaseFiles.copy(source, to: destination)
        #expect(try String(contentsOfFile: destination, encoding: .utf8) == "new contents")
        #expect(try DatabaseFiles.fileSize(destination) == 12)
        #expect(throws: LoadError.self) { try DatabaseFiles.copy("\(directory.path)/missing", to: destination) }
    }
}
