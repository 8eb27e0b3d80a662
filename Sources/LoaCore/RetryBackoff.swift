/// How long a failed background job waits before its next attempt (issue #10): the delay doubles with
/// every failed attempt up to a cap, and a random share of it is taken off ("equal jitter") so jobs that
/// failed together (a tool missing, the database restarting) do not all come back in the same instant.
public struct RetryBackoff: Sendable, Equatable {
    /// Delay after the first failed attempt, before jitter, in seconds.
    public var base: Double
    /// Longest delay, in seconds.
    public var cap: Double

    public init(base: Double = 5, cap: Double = 3600) {
        self.base = base
        self.cap = cap
    }

    /// Seconds to wait after failed attempt number `attempt` (1 for the first). `jitter` is a random draw
    /// in 0...1: 0 waits half the exponential delay, 1 all of it.
    public func delay(afterAttempt attempt: Int, jitter: Double) -> Double {
        let doublings = min(max(attempt - 1, 0), 40)
        let full = min(cap, base * Double(UInt64(1) << UInt64(doublings)))
        let share = min(max(jitter, 0), 1)
        return full / 2 + full / 2 * share
    }
}
