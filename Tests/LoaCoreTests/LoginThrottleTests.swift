import Foundation
import LoaCore
import Testing

@Suite struct LoginThrottleTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    let throttle = LoginThrottle()

    /// `count` failures, one every `spacing` seconds, the last `lastAgo` seconds ago.
    static func failures(_ count: Int, every spacing: TimeInterval = 1, lastAgo: TimeInterval = 0) -> [Date] {
        (0..<count).map { now.addingTimeInterval(-lastAgo - Double($0) * spacing) }
    }

    @Test func defaults() {
        #expect(throttle.window == 900)
        #expect(throttle.maxFailuresPerAccount == 5)
        #expect(throttle.maxFailuresPerAddress == 200)
        #expect(throttle.maxDelay == 900)
        #expect(throttle.maxAccountWideDelay == 30)
    }

    /// Consecutive failures of one account from one address → wait before the next attempt there.
    @Test(
        arguments: [
            (4, 0.0, nil), (5, 0.0, 2), (6, 0.0, 4), (7, 0.0, 8), (8, 0.0, 16), (12, 0.0, 256), (13, 0.0, 512),
            (14, 0.0, 900), (40, 0.0, 900),  // capped at 15 minutes
            (7, 3.0, 5), (7, 8.0, nil),  // counted from the last failure
            (5, 1.5, 1),  // rounded up, at least one second
        ] as [(Int, TimeInterval, Int?)])
    func pairBacksOffExponentially(count: Int, lastAgo: TimeInterval, expected: Int?) {
        let pair = Self.failures(count, lastAgo: lastAgo)
        #expect(
            throttle.retryAfter(
                pairFailures: pair, accountFailures: pair, addressFailures: pair,
                addressKnownToAccount: true, now: Self.now) == expected)
    }

    @Test func pairFailuresOlderThanTheMemoryAreForgotten() {
        let yesterday = Self.failures(10, lastAgo: 86_400)
        #expect(throttle.retryAfter(pairFailures: yesterday, accountFailures: [], addressFailures: [], now: Self.now) == nil)
    }

    /// Failures of one address across all its accounts (an office behind one NAT).
    @Test(
        arguments: [
            (20, nil), (199, nil), (200, 2), (201, 4), (260, 900),
        ] as [(Int, Int?)])
    func addressIsSlowedOnlyFarBeyondWhatAnOfficeMakes(count: Int, expected: Int?) {
        let address = Self.failures(count, every: 900.0 / Double(count + 1))
        #expect(throttle.retryAfter(pairFailures: [], accountFailures: [], addressFailures: address, now: Self.now) == expected)
    }

    /// An attacker spread over many addresses: unknown addresses wait a little; never more than 30 s.
    @Test(
        arguments: [
            (10, false, nil), (11, false, 2), (13, false, 8), (15, false, 30), (500, false, 30),
            (500, true, nil),  // the owner's usual address is not slowed by failures elsewhere
        ] as [(Int, Bool, Int?)])
    func accountWideSlowdownIsSmallAndSparesKnownAddresses(count: Int, known: Bool, expected: Int?) {
        let elsewhere = Self.failures(count)
        #expect(
            throttle.retryAfter(
                pairFailures: [], accountFailures: elsewhere, addressFailures: [],
                addressKnownToAccount: known, now: Self.now) == expected)
    }

    @Test func theOwnerIsNeverLockedOutByAnAttackerElsewhere() {
        // 5,000 failures on her account from other addresses in the last 15 minutes, none from hers.
        let attack = Self.failures(5_000, every: 0.18)
        #expect(
            throttle.retryAfter(
                pairFailures: [], accountFailures: attack, addressFailures: [],
                addressKnownToAccount: true, now: Self.now) == nil)
        // From a new address (a phone) she waits at most half a minute, then may try.
        let wait = throttle.retryAfter(pairFailures: [], accountFailures: attack, addressFailures: [], now: Self.now)
        #expect(wait == 30)
        #expect(
            throttle.retryAfter(
                pairFailures: [], accountFailures: attack, addressFailures: [],
                now: Self.now.addingTimeInterval(30)) == nil)
    }

    @Test func takesTheLongestWait() {
        let pair = Self.failures(7)  // 8 s
        let address = Self.failures(201, every: 4)  // 4 s
        let account = Self.failures(15)  // 30 s
        #expect(throttle.retryAfter(pairFailures: pair, accountFailures: account, addressFailures: address, now: Self.now) == 30)
        #expect(
            throttle.retryAfter(
                pairFailures: pair, accountFailures: account, addressFailures: address,
                addressKnownToAccount: true, now: Self.now) == 8)
    }

    @Test func futureStampsFromClockSkewCountButDoNotLengthenTheWait() {
        let skewed = [Self.now.addingTimeInterval(5)] + Self.failures(4)
        #expect(throttle.retryAfter(pairFailures: skewed, accountFailures: [], addressFailures: [], now: Self.now) == 2)
    }

    @Test func theFormerCallReadsAccountFailuresAsThePairs() {
        #expect(throttle.retryAfter(accountFailures: Self.failures(4), addressFailures: [], now: Self.now) == nil)
        #expect(throttle.retryAfter(accountFailures: Self.failures(5), addressFailures: [], now: Self.now) == 2)
        #expect(throttle.retryAfter(accountFailures: Self.failures(5, lastAgo: 901), addressFailures: [], now: Self.now) == nil)
    }

    @Test func customSettings() {
        let strict = LoginThrottle(window: 60, maxFailuresPerAccount: 2, maxFailuresPerAddress: 3, maxDelay: 5)
        #expect(strict.retryAfter(pairFailures: Self.failures(2), accountFailures: [], addressFailures: [], now: Self.now) == 2)
        #expect(strict.retryAfter(pairFailures: Self.failures(9), accountFailures: [], addressFailures: [], now: Self.now) == 5)
        #expect(strict.retryAfter(pairFailures: [], accountFailures: [], addressFailures: Self.failures(3), now: Self.now) == 2)
    }

    @Test func vietnameseMessageSaysSecondsOrMinutes() {
        #expect(
            LoginThrottle.message(retryAfter: 900)
                == "Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.")
        #expect(LoginThrottle.message(retryAfter: 841).hasSuffix("sau 15 phút."))
        #expect(LoginThrottle.message(retryAfter: 61).hasSuffix("sau 2 phút."))
        #expect(LoginThrottle.message(retryAfter: 60).hasSuffix("sau 1 phút."))
        #expect(LoginThrottle.message(retryAfter: 8) == "Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 8 giây.")
        #expect(LoginThrottle.message(retryAfter: 0).hasSuffix("sau 1 giây."))
    }
}
