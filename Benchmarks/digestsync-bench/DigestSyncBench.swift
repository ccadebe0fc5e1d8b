import ArgumentParser

/// `digestsync-bench`: measures the IBLT library (decode success, rateless overhead,
/// estimator accuracy, speed) and the Digest module (row keys, whole resync exchanges),
/// runs the reconciliation demo, turns measurements into the tables and plots of
/// `Papers/`, and measures OVSDB servers (`server`).
@main
struct DigestSyncBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digestsync-bench",
        abstract: "Measure DigestSync's set reconciliation.",
        subcommands: [
            IBLTCommand.self, RatelessCommand.self, EstimatorCommand.self, SpeedCommand.self,
            DemoCommand.self, ReportCommand.self, JSONCommand.self, DigestCommand.self, StorageCommand.self,
            ServerCommand.self, ResyncCommand.self,
        ]
    )
}
