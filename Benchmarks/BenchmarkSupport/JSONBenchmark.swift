import Foundation
import OVSDB

/// Measures the OVSDB module's JSON parser and serializer against Foundation's
/// `JSONSerialization` on the same bytes, for `digestsync-bench json`.
///
/// Each round parses the document with both implementations (from the same bytes),
/// then serializes each one's own parsed value; the fastest of `rounds` rounds counts,
/// which is the least noisy figure on a shared machine. Foundation is run with its
/// default options (`jsonObject(with:)`, `data(withJSONObject:)`).
public enum JSONBenchmark {
    /// One operation timed both ways.
    public struct Comparison: Sendable {
        /// Fastest round of the OVSDB module.
        public var ours: Duration
        /// Fastest round of `JSONSerialization`.
        public var foundation: Duration

        /// How many times faster the OVSDB module is (Foundation's time over ours).
        public var speedup: Double {
            foundation / ours
        }
    }

    /// The figures of one run.
    public struct Report: Sendable, CustomStringConvertible {
        /// Size of the measured document.
        public var documentBytes: Int
        /// Size of the OVSDB module's serialization of it.
        public var serializedBytes: Int
        /// Rounds run; the fastest of each side counts.
        public var rounds: Int
        /// Bytes to value.
        public var parse: Comparison
        /// Value to bytes.
        public var serialize: Comparison

        /// A table: one line per operation with both times, the speed-up, and the
        /// throughput of each side in MB/s.
        public var description: String {
            func line(_ name: String, _ comparison: Comparison) -> String {
                let ours = Double(documentBytes) / comparison.ours.seconds / 1e6
                let theirs = Double(documentBytes) / comparison.foundation.seconds / 1e6
                return "\(name)  ours \(format(comparison.ours.seconds * 1000)) ms (\(format(ours)) MB/s)"
                    + "  JSONSerialization \(format(comparison.foundation.seconds * 1000)) ms (\(format(theirs)) MB/s)"
                    + "  speed-up \(format(comparison.speedup))x"
            }
            return "document \(documentBytes) bytes, best of \(rounds) rounds\n"
                + line("parse    ", parse) + "\n" + line("serialize", serialize)
        }

        private func format(_ value: Double) -> String {
            String(format: "%.1f", value)
        }
    }

    /// Failures of a run.
    public enum Failure: Error, CustomStringConvertible {
        /// The OVSDB module rejected the document.
        case oursRejected(JSONParseError)
        /// Foundation rejected the document.
        case foundationRejected(String)

        /// What went wrong.
        public var description: String {
            switch self {
            case .oursRejected(let error): return "the OVSDB parser rejected the document: \(error)"
            case .foundationRejected(let error): return "JSONSerialization rejected the document: \(error)"
            }
        }
    }

    /// Times both implementations on `document` (UTF-8 JSON whose top level is an
    /// object or an array) over `rounds` rounds.
    public static func run(document: [UInt8], rounds: Int = 5) throws(Failure) -> Report {
        let data = Data(document)
        let clock = ContinuousClock()
        var parse = Comparison(ours: .seconds(Int64.max), foundation: .seconds(Int64.max))
        var serialize = parse
        var serializedBytes = 0
        for _ in 0..<max(1, rounds) {
            var value = JSON.null
            var start = clock.now
            do {
                value = try JSON(parsing: document)
            } catch {
                throw .oursRejected(error)
            }
            parse.ours = min(parse.ours, clock.now - start)

            start = clock.now
            var output: [UInt8] = []
            value.serialize(into: &output)
            serialize.ours = min(serialize.ours, clock.now - start)
            serializedBytes = output.count

            do {
                start = clock.now
                let object = try JSONSerialization.jsonObject(with: data)
                parse.foundation = min(parse.foundation, clock.now - start)
                start = clock.now
                _ = try JSONSerialization.data(withJSONObject: object)
                serialize.foundation = min(serialize.foundation, clock.now - start)
            } catch {
                throw .foundationRejected("\(error)")
            }
        }
        return Report(documentBytes: document.count, serializedBytes: serializedBytes, rounds: max(1, rounds),
                      parse: parse, serialize: serialize)
    }
}

/// Seconds as a `Double`, for reports.
extension Duration {
    /// The duration in seconds.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
