import Foundation

/// Pure rate-limit decision for log-in attempts. The failure history is stored by the
/// caller (the database), so every server instance decides from the same data.
public struct LoginThrottle: Sendable {
    public var window: TimeInterval
    public var maxFailuresPerAccount: Int
    public var maxFailuresPerAddress: Int

    public init(window: TimeInterval = 900, maxFailuresPerAccount: Int = 5, maxFailuresPerAddress: Int = 20) {
        self.window = window
        self.maxFailuresPerAccount = maxFailuresPerAccount
        self.maxFailuresPerAddress = maxFailuresPerAddress
    }

    /// Given the times of recent failed attempts for the account and for the client address,
    /// returns nil if a new attempt is allowed now, or the number of seconds (rounded up, ≥1)
    /// until it will be (when the oldest relevant failure leaves the window).
    public func retryAfter(accountFailures: [Date], addressFailures: [Date], now: Date) -> Int? {
        let waits = [
            wait(failures: accountFailures, limit: maxFailuresPerAccount, now: now),
            wait(failures: addressFailures, limit: maxFailuresPerAddress, now: now),
        ].compactMap { $0 }
        return waits.max()
    }

    /// Vietnamese message for a blocked attempt (minutes rounded up, at least one).
    public static func message(retryAfter seconds: Int) -> String {
        let minutes = max(1, (seconds + 59) / 60)
        return "Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau \(minutes) phút."
    }

    /// Seconds until fewer than `limit` failures remain inside the window, nil if already so.
    private func wait(failures: [Date], limit: Int, now: Date) -> Int? {
        // A limit below one would block forever; treat it as one.
        let limit = max(1, limit)
        // Failures stamped slightly in the future (clock skew between instances) still count.
        let recent = failures
            .filter { $0.timeIntervalSince(now) + window > 0 }
            .sorted()
        guard recent.count >= limit else { return nil }
        // Once this failure expires, exactly limit - 1 remain and a new attempt is allowed.
        let releasing = recent[recent.count - limit]
        let seconds = releasing.timeIntervalSince(now) + window
        return max(1, Int(seconds.rounded(.up)))
    }
}
