/// The targets issue 5 sets for the `digest` strategy, checked on the results of one
/// `digestsync-bench resync` run against the baselines measured in the same run.
/// A target whose measurement is not in the run is not reported.
public enum ResyncTargets {
    /// One target's verdict.
    public struct Check: Hashable, Sendable {
        /// The target, in words.
        public var target: String
        /// Whether the run meets it.
        public var passed: Bool
        /// The measured figures behind the verdict.
        public var detail: String
    }

    /// The change fraction of the "1% changed" targets.
    public static let smallChange = 0.01
    /// The change fraction from which the digest must fall back.
    public static let largeChange = 0.3

    /// Checks every target that `results` has the measurements for.
    public static func evaluate(_ results: [ResyncResult]) -> [Check] {
        var checks: [Check] = []
        for result in results where result.strategy == .digest {
            checks += evaluate(result, in: results)
        }
        return checks
    }

    private static func evaluate(_ digest: ResyncResult, in results: [ResyncResult]) -> [Check] {
        let scope = "\(digest.clients) clients, F=\(digest.changeFraction)"
        let down = digest.bytesDownPerClient, up = digest.bytesUpPerClient
        var checks: [Check] = []
        if digest.changeFraction == 0 {
            checks.append(Check(
                target: "nothing changed: 1 round trip, <= 100 B down, <= 1 KB up per client (\(scope))",
                passed: digest.roundTrips == 1 && down <= 100 && up <= 1024,
                detail: "\(digest.roundTrips) round trip(s), \(Int(down)) B down, \(Int(up)) B up"))
        }
        if digest.changeFraction == smallChange {
            let rows = Double(digest.differingRowsJSONBytes)
            checks.append(Check(
                target: "1% changed: bytes down <= 1.3x differing rows, up <= 0.5x + 8 KB (\(scope))",
                passed: down <= 1.3 * rows && up <= 0.5 * rows + 8192,
                detail: "down \(ratio(down, rows))x, up \(Int(up)) B vs limit \(Int(0.5 * rows + 8192)) B"))
            if digest.clients >= 50, let standalone = digest.sibling(.ovsdbServerStandalone, in: results) {
                checks.append(Check(
                    target: "50+ clients, 1% changed: server CPU <= 1% of ovsdb-server standalone (\(scope))",
                    passed: digest.serverCPUSeconds <= 0.01 * standalone.serverCPUSeconds,
                    detail: "\(ratio(digest.serverCPUSeconds * 100, standalone.serverCPUSeconds))% "
                        + "(\(rounded(digest.serverCPUSeconds)) s vs \(rounded(standalone.serverCPUSeconds)) s)"))
            }
        }
        if digest.changeFraction >= largeChange, let full = digest.sibling(.full, in: results) {
            checks.append(Check(
                target: ">= 30% changed: falls back, <= 1.1x full in bytes down and server CPU (\(scope))",
                passed: digest.isFullSnapshot && down <= 1.1 * full.bytesDownPerClient
                    && digest.serverCPUSeconds <= 1.1 * full.serverCPUSeconds,
                detail: "\(digest.outcome); bytes \(ratio(down, full.bytesDownPerClient))x, "
                    + "CPU \(ratio(digest.serverCPUSeconds, full.serverCPUSeconds))x of full"))
        }
        return checks
    }

    private static func ratio(_ value: Double, _ base: Double) -> String {
        base > 0 ? String(rounded(value / base)) : "n/a"
    }

    /// `value` to three decimals.
    private static func rounded(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }
}
