import LoaCore
import Testing

/// Issue #10: a failed job waits longer after each attempt, never beyond the cap, and jitter takes off
/// at most half of the wait.
@Suite struct RetryBackoffTests {
    let backoff = RetryBackoff(base: 5, cap: 3600)

    @Test func theDelayDoublesPerAttemptUpToTheCap() {
        #expect([1, 2, 3, 4].map { backoff.delay(afterAttempt: $0, jitter: 1) } == [5, 10, 20, 40])
        #expect(backoff.delay(afterAttempt: 20, jitter: 1) == 3600)
        #expect(backoff.delay(afterAttempt: 10_000, jitter: 1) == 3600, "a huge attempt count neither overflows nor exceeds the cap")
    }

    @Test func jitterTakesOffAtMostHalf() {
        #expect(backoff.delay(afterAttempt: 3, jitter: 0) == 10)
        #expect(backoff.delay(afterAttempt: 3, jitter: 0.5) == 15)
        #expect(backoff.delay(afterAttempt: 3, jitter: -4) == 10, "a draw out of range is clamped")
        #expect(backoff.delay(afterAttempt: 3, jitter: 9) == 20)
        #expect(backoff.delay(afterAttempt: 0, jitter: 1) == 5, "attempt numbers below one count as the first")
    }
}
