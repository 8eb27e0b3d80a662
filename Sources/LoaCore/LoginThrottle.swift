import Foundation

/// Pure rate-limit decision for log-in attempts. The failure history is stored by the
/// caller (the database), so every server instance decides from the same data.
///
/// The policy (docs/decisions/0013-login-throttle.md) slows guessing without ever locking an owner out:
/// - **Per account and address**: the first `maxFailuresPerAccount - 1` consecutive failures of one
///   account from one address cost nothing; from the `maxFailuresPerAccount`-th on, the next attempt
///   from that address waits 2, 4, 8… seconds after the last failure, at most `maxDelay`. Consecutive
///   means since that address's last successful sign-in to the account.
/// - **Per address**: `maxFailuresPerAddress` failures within `window`, whatever the accounts, are far
///   more than an office behind one NAT makes; beyond them the address backs off the same way for all
///   accounts.
/// - **Per account, across addresses**: beyond `accountWideAllowance` failures within `window`, attempts
///   from addresses the account never signed in from wait a few seconds (at most
///   `maxAccountWideDelay`). The owner's usual address is exempt, so an attacker elsewhere cannot
///   delay her, let alone lock her out.
/// Every wait is counted from the last failure and refused attempts are not failures, so waiting
/// always ends.
public struct LoginThrottle: Sendable {
    /// How far back failures of an address, or of an account across addresses, count.
    public var window: TimeInterval
    /// The consecutive failure (of one account from one address) that starts the backoff.
    public var maxFailuresPerAccount: Int
    /// Failures of one address within `window` before the address itself backs off.
    public var maxFailuresPerAddress: Int
    /// The longest backoff of an account and address, or of an address.
    public var maxDelay: TimeInterval
    /// Failures of an account across all addresses within `window` before unknown addresses wait.
    public var accountWideAllowance: Int
    /// The longest wait an account-wide slowdown imposes.
    public var maxAccountWideDelay: TimeInterval
    /// How far back consecutive failures of an account and address count.
    public var pairMemory: TimeInterval

    public init(
        window: TimeInterval = 900, maxFailuresPerAccount: Int = 5, maxFailuresPerAddress: Int = 200,
        maxDelay: TimeInterval = 900, accountWideAllowance: Int = 10, maxAccountWideDelay: TimeInterval = 30,
        pairMemory: TimeInterval = 86_400
    ) {
        self.window = window
        self.maxFailuresPerAccount = maxFailuresPerAccount
        self.maxFailuresPerAddress = maxFailuresPerAddress
        self.maxDelay = maxDelay
        self.accountWideAllowance = accountWideAllowance
        self.maxAccountWideDelay = maxAccountWideDelay
        self.pairMemory = pairMemory
    }

    /// Returns nil if a new attempt is allowed now, or the seconds (rounded up, ≥ 1) until it will be.
    /// - pairFailures: failures of this account from this address since their last success.
    /// - accountFailures: failures of this account from any address since its last success.
    /// - addressFailures: failures from this address, any account.
    /// - addressKnownToAccount: this address has signed in to this account successfully before.
    public func retryAfter(
        pairFailures: [Date], accountFailures: [Date], addressFailures: [Date],
        addressKnownToAccount: Bool = false, now: Date
    ) -> Int? {
        let waits = [
            backoff(pairFailures, memory: pairMemory, allowed: maxFailuresPerAccount - 1, cap: maxDelay, now: now),
            backoff(addressFailures, memory: window, allowed: maxFailuresPerAddress - 1, cap: maxDelay, now: now),
            addressKnownToAccount
                ? nil
                : backoff(accountFailures, memory: window, allowed: accountWideAllowance, cap: maxAccountWideDelay, now: now),
        ]
        return waits.compactMap { $0 }.max()
    }

    /// The former call, for callers that do not know failures per address: the account's failures
    /// stand for the pair's (the cautious reading), and its address is treated as unknown.
    public func retryAfter(accountFailures: [Date], addressFailures: [Date], now: Date) -> Int? {
        retryAfter(pairFailures: accountFailures, accountFailures: accountFailures, addressFailures: addressFailures, now: now)
    }

    /// Vietnamese message for a blocked attempt: seconds under a minute, else minutes rounded up.
    public static func message(retryAfter seconds: Int) -> String {
        let wait = seconds < 60 ? "\(max(1, seconds)) giây" : "\((seconds + 59) / 60) phút"
        return "Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau \(wait)."
    }

    /// Seconds still to wait after the last of `failures` (within `memory`), when more than `allowed`:
    /// the k-th failure beyond the allowance costs 2^k seconds, at most `cap`.
    private func backoff(_ failures: [Date], memory: TimeInterval, allowed: Int, cap: TimeInterval, now: Date) -> Int? {
        // Failures stamped slightly in the future (clock skew between instances) still count.
        let recent = failures.filter { $0.timeIntervalSince(now) + memory > 0 }
        let excess = recent.count - max(0, allowed)
        guard excess > 0, let last = recent.max() else { return nil }
        let delay = min(cap, pow(2, Double(min(excess, 30))))
        let remaining = min(last, now).timeIntervalSince(now) + delay
        return remaining > 0 ? max(1, Int(remaining.rounded(.up))) : nil
    }
}
