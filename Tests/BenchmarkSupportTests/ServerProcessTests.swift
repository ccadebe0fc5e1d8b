#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import OVSDB
import BenchmarkSupport

@Suite struct ServerProcessTests {
    /// A python server on the spec's unix socket that burns `busySeconds` of CPU, then
    /// idles; with `ignoreTerm` it ignores SIGTERM.
    private func pythonServer(busySeconds: Double, ignoreTerm: Bool) throws -> ServerSpec {
        let script = """
            import signal, socket, sys, time
            if \(ignoreTerm ? "True" : "False"): signal.signal(signal.SIGTERM, signal.SIG_IGN)
            listener = socket.socket(socket.AF_UNIX)
            listener.bind(sys.argv[1][len("punix:"):])
            listener.listen(5)
            end = time.process_time() + \(busySeconds)
            while time.process_time() < end: pass
            time.sleep(600)
            """
        return ServerSpec(name: "python", executable: try OVSInstallation.program("python3"),
                          arguments: ["-c", script, "{remote}"])
    }

    /// An ovsdb-server (not started) on an empty OVN_Southbound file made in `directory`.
    private func ovsdbServer(in directory: ScratchDirectory, transport: ServerProcess.Transport) async throws -> ServerProcess {
        let installation = try OVSInstallation.find()
        let database = "\(directory.path)/sb.db"
        try await ToolRunner.check(installation.tool, ["create", database, installation.southboundSchema])
        return try ServerProcess(spec: .ovsdbServer(executable: installation.server), databases: [database],
                                 directory: "\(directory.path)/server", transport: transport)
    }

    @Test func ovsdbServerStartsRestartsOnTheSameFileAndStops() async throws {
        let directory = try ScratchDirectory()
        let server = try await ovsdbServer(in: directory, transport: .unix)
        try await server.start(timeout: .seconds(30))
        let first = try #require(server.pid)
        #expect(try String(contentsOfFile: "\(server.directory)/server.pid", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines) == String(first))
        try await server.restart(timeout: .seconds(30))
        let second = try #require(server.pid)
        #expect(second != first)
        #expect(kill(first, 0) == -1)
        #expect(await server.stop() == 128 + SIGTERM)
        #expect(server.pid == nil)
        #expect(kill(second, 0) == -1)
        #expect(await server.stop() == nil)
    }

    @Test func tcpServersListenOnTheChosenPort() async throws {
        let directory = try ScratchDirectory()
        let server = try await ovsdbServer(in: directory, transport: .tcp)
        guard case .tcp(let host, let port) = server.clientRemote else {
            Issue.record("not a tcp remote: \(server.clientRemote)")
            return
        }
        #expect(host == "127.0.0.1")
        #expect(server.listenRemote == .passiveTCP(port: port, host: "127.0.0.1"))
        try await server.start(timeout: .seconds(30))
        #expect(await server.stop() == 128 + SIGTERM)
    }

    @Test func statisticsReportTheServersCPUTimeAndPeakMemory() async throws {
        let directory = try ScratchDirectory()
        let server = try ServerProcess(spec: pythonServer(busySeconds: 0.3, ignoreTerm: false), databases: [],
                                       directory: directory.path)
        try await server.start(timeout: .seconds(30))
        let before = try server.statistics()
        // The script spins for 0.3 s of CPU after it listens, then sleeps. /proc counts
        // in 10 ms ticks, and a loaded machine stretches the spin's wall time: poll.
        var after = before
        for _ in 0..<100 where after.cpuSeconds < 0.28 {
            try await Task.sleep(for: .milliseconds(100))
            after = try server.statistics()
        }
        #expect(before.cpuSeconds <= after.cpuSeconds)
        #expect(after.cpuSeconds >= 0.28)
        // Its interpreter's start-up adds a little; the sleep adds nothing.
        #expect(after.cpuSeconds < 0.8)
        #expect(after.peakResidentBytes >= after.residentBytes)
        #expect(after.residentBytes > 1 << 20)
        await server.stop()
        #expect(throws: ServerError.self) { try server.statistics() }
    }

    @Test func aServerThatIgnoresSIGTERMIsKilledAfterTheGracePeriod() async throws {
        let directory = try ScratchDirectory()
        let server = try ServerProcess(spec: pythonServer(busySeconds: 0, ignoreTerm: true), databases: [],
                                       directory: directory.path)
        try await server.start(timeout: .seconds(30))
        let started = ContinuousClock.now
        #expect(await server.stop(grace: .milliseconds(300)) == 128 + SIGKILL)
        #expect(ContinuousClock.now - started >= .milliseconds(300))
    }

    @Test func aServerThatExitsAtOnceReportsItsOutput() async throws {
        let directory = try ScratchDirectory()
        let spec = ServerSpec(name: "false-server", executable: try OVSInstallation.program("sh"),
                              arguments: ["-c", "echo cannot open {db}; exit 3", "{db}"])
        let server = try ServerProcess(spec: spec, databases: ["/nonexistent.db"], directory: directory.path)
        await #expect {
            try await server.start(timeout: .seconds(10))
        } throws: { error in
            guard case .exitedDuringStartup("false-server", 3, let output) = error as? ServerError else { return false }
            return output.contains("cannot open")
        }
    }

    @Test func templatesExpandDatabasesRemoteAndDirectory() {
        let spec = ServerSpec.digestsync(executable: "/bin/digestsync")
        #expect(spec.expandedArguments(databases: ["a.db", "b.db"], remote: .passiveTCP(port: 6642, host: "127.0.0.1"),
                                       directory: "/d") == ["serve", "a.db", "b.db", "--remote", "ptcp:6642:127.0.0.1"])
        let ovs = ServerSpec.ovsdbServer(executable: "/usr/sbin/ovsdb-server")
        #expect(ovs.expandedArguments(databases: ["x.db"], remote: .passiveUnix(path: "/d/s"), directory: "/d")
            == ["--remote=punix:/d/s", "--no-chdir", "--pidfile=/d/server.pid", "--log-file=/d/server.log",
                "--unixctl=/d/server.ctl", "x.db"])
    }

    @Test func procFilesAreParsedWhateverTheCommandName() {
        let stat = "4242 (odd) name (x)) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 1 0 100 1000 50"
        #expect(ProcessStatistics.cpuTicks(stat: stat) == 1234 + 567)
        #expect(ProcessStatistics.cpuTicks(stat: "1 (short) S 1 2") == nil)
        let status = "Name:\tovsdb-server\nVmPeak:\t  300000 kB\nVmHWM:\t   12345 kB\nVmRSS:\t    6789 kB\n"
        #expect(ProcessStatistics.kilobytes(status: status, field: "VmHWM") == 12345)
        #expect(ProcessStatistics.kilobytes(status: status, field: "VmRSS") == 6789)
        #expect(ProcessStatistics.kilobytes(status: status, field: "VmSwap") == nil)
    }
}
