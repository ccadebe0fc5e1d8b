import Testing
import NIOPosix
import OVSDB
import BenchmarkSupport

@Suite(.serialized) struct ServerBenchmarkTests {
    @Test func aRunMeasuresEveryPhaseOnAFreshCopyOfTheFile() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loaded = try await LoadedServer(sizes: SouthboundSizes(logicalFlows: 2000, portsPerSwitch: 5), group: group)
        let single = try await RawJSONRPCClient.connect(to: loaded.server.clientRemote, group: group)
        let alone = try await single.monitorAll(database: SouthboundDatabase.name, schema: loaded.schema,
                                                method: .monitorCondSince(lastTransactionID: .zero), monitorID: "bench")
        await single.close()
        await loaded.server.stop()
        let fileBytes = try DatabaseFiles.fileSize(loaded.file)
        let router = try #require(loaded.database.datapaths(logicalRouter: true).first)
        let settings = ServerBenchmark.Settings(
            clients: 3, transactions: 25, database: SouthboundDatabase.name, schema: loaded.schema,
            method: .monitorCondSince(lastTransactionID: .zero), routerDatapath: router.uuid, transport: .tcp)
        let run = try await ServerBenchmark.run(.ovsdbServer(executable: loaded.installation.server),
                                                databaseFile: loaded.file, directory: "\(loaded.directory.path)/run",
                                                settings: settings, group: group)
        #expect(run.server == "ovsdb-server")
        #expect(run.dump.clients == 3)
        #expect(run.dump.bytesPerClient == alone.bytes...alone.bytes)
        #expect(run.dump.framesPerClient == 1)
        #expect(run.dump.serverCPUSeconds >= 0 && run.dump.wallTime > .zero)
        #expect(run.transactionsFromOne.clients == 1 && run.transactionsFromTen.clients == 10)
        #expect(run.transactionsFromOne.count == 25 && run.transactionsFromOne.perSecond > 0)
        #expect(run.peakResidentBytes > 1 << 20)
        #expect(try DatabaseFiles.fileSize(loaded.file) == fileBytes)
        #expect(try DatabaseFiles.fileSize("\(loaded.directory.path)/run/db") > fileBytes)
        try await group.shutdownGracefully()
    }

    @Test func ratiosDivideEachFigureByTheBaselines() {
        func run(cpu: Double, wall: Duration, single: Duration = .seconds(1), transactions: Duration, peak: Int) -> ServerBenchmark.Run {
            ServerBenchmark.Run(
                server: "s", dump: .init(clients: 50, wallTime: wall, serverCPUSeconds: cpu, bytesPerClient: 1...1, framesPerClient: 1),
                transactionsFromOne: .init(clients: 1, count: 100, wallTime: single),
                transactionsFromTen: .init(clients: 10, count: 100, wallTime: transactions), peakResidentBytes: peak)
        }
        let baseline = run(cpu: 80, wall: .seconds(40), transactions: .seconds(2), peak: 400)
        let ratios = run(cpu: 2, wall: .seconds(4), single: .seconds(4), transactions: .seconds(1), peak: 500)
            .ratios(against: baseline)
        #expect(ratios.map(\.name) == ["dump_cpu_ratio", "dump_wall_ratio", "txn_ratio_1", "txn_ratio", "rss_ratio"])
        #expect(ratios.map(\.value) == [0.025, 0.1, 0.25, 2, 1.25])
    }
}
