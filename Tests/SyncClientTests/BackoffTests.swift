import Testing
@testable import SyncClient

/// OVS's reconnect waits (server-client.md section 10.6) with jitter.
@Suite struct BackoffTests {
    @Test func waitsDoubleFromMinimumToMaximum() {
        var backoff = Backoff(policy: BackoffPolicy(jitter: 0), remoteCount: 1)
        let waits = (0..<6).map { _ in backoff.nextDelay(random: 0.5) }
        #expect(waits == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(8), .seconds(8)])
        backoff.succeeded()
        #expect(backoff.nextDelay(random: 0.5) == .seconds(1))
    }

    @Test func jitterShortensEachWaitByAtMostItsShare() {
        var backoff = Backoff(policy: BackoffPolicy(jitter: 0.25), remoteCount: 1)
        #expect(backoff.nextDelay(random: 0) == .seconds(1))
        #expect(backoff.nextDelay(random: 0.999) > .milliseconds(1500))
        #expect(backoff.nextDelay(random: 1) == .seconds(3))
    }

    @Test func otherRemotesAreTriedAtOnce() {
        var backoff = Backoff(policy: BackoffPolicy(jitter: 0), remoteCount: 3)
        let waits = (0..<4).map { _ in backoff.nextDelay(random: 0) }
        #expect(waits == [.zero, .zero, .seconds(1), .seconds(2)])
        backoff.succeeded()
        #expect(backoff.nextDelay(random: 0) == .zero)
    }
}
