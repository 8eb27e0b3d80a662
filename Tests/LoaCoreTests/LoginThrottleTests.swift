import Foundation
import Testing
import LoaCore

@Suite struct LoginThrottleTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)
    let throttle = LoginThrottle()

    func ago(_ seconds: TimeInterval) -> Date { now.addingTimeInterval(-seconds) }

    @Test func defaults() {
        #expect(throttle.window == 900)
        #expect(throttle.maxFailuresPerAccount == 5)
        #expect(throttle.maxFailuresPerAddress == 20)
    }

    @Test func allowsBelowTheLimit() {
        let failures = (1...4).map { ago(Double($0) * 10) }
        #expect(throttle.retryAfter(accountFailures: failures, addressFailures: failures, now: now) == nil)
    }

    @Test func blocksAccountUntilOldestFailureLeavesWindow() {
        let failures = [ago(100), ago(10), ago(20), ago(30), ago(40)]
        #expect(throttle.retryAfter(accountFailures: failures, addressFailures: [], now: now) == 800)
    }

    @Test func withMoreFailuresThanTheLimitWaitsForEnoughToExpire() {
        // Seven failures, limit five: three must expire, the third oldest is 300 s old.
        let failures = [ago(500), ago(400), ago(300), ago(200), ago(100), ago(50), ago(10)]
        #expect(throttle.retryAfter(accountFailures: failures, addressFailures: [], now: now) == 600)
    }

    @Test func ignoresFailuresOutsideTheWindow() {
        let failures = [ago(900), ago(1000), ago(5000), ago(10), ago(20), ago(30), ago(40)]
        #expect(throttle.retryAfter(accountFailures: failures, addressFailures: [], now: now) == nil)
    }

    @Test func roundsUpToAtLeastOneSecond() {
        let failures = [ago(899.9), ago(1), ago(2), ago(3), ago(4)]
        #expect(throttle.retryAfter(accountFailures: failures, addressFailures: [], now: now) == 1)
        let almost = [ago(600.5), ago(1), ago(2), ago(3), ago(4)]
        #expect(throttle.retryAfter(accountFailures: almost, addressFailures: [], now: now) == 300)
    }

    @Test func blocksAddressIndependentlyOfAccount() {
        let spread = (0..<20).map { ago(Double($0) * 30) } // oldest 570 s ago
        #expect(throttle.retryAfter(accountFailures: [], addressFailures: spread, now: now) == 330)
        #expect(throttle.retryAfter(accountFailures: [], addressFailures: Array(spread.dropLast()), now: now) == nil)
    }

    @Test func takesTheLongerOfBothWaits() {
        let account = [ago(100), ago(1), ago(2), ago(3), ago(4)]          // 800 s
        let address = (0..<20).map { ago(Double($0) * 30) }              // 330 s
        #expect(throttle.retryAfter(accountFailures: account, addressFailures: address, now: now) == 800)
    }

    @Test func customSettings() {
        let strict = LoginThrottle(window: 60, maxFailuresPerAccount: 2, maxFailuresPerAddress: 3)
        #expect(strict.retryAfter(accountFailures: [ago(30), ago(5)], addressFailures: [], now: now) == 30)
        #expect(strict.retryAfter(accountFailures: [ago(30)], addressFailures: [ago(1), ago(2)], now: now) == nil)
    }

    @Test func vietnameseMessageRoundsMinutesUp() {
        #expect(LoginThrottle.message(retryAfter: 900)
            == "Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.")
        #expect(LoginThrottle.message(retryAfter: 841).hasSuffix("sau 15 phút."))
        #expect(LoginThrottle.message(retryAfter: 61).hasSuffix("sau 2 phút."))
        #expect(LoginThrottle.message(retryAfter: 1).hasSuffix("sau 1 phút."))
        #expect(LoginThrottle.message(retryAfter: 0).hasSuffix("sau 1 phút."))
    }
}
