import LoaCore
import Testing

@Suite struct RequestNumberTests {
    @Test(arguments: [
        ("1", 1 as Int?), (" 42 ", 42), ("0", nil), ("100001", nil), ("-1", nil), ("abc", nil), ("", nil),
        ("9223372036854775807", nil), ("-9223372036854775808", nil), ("99999999999999999999999", nil), ("1e3", nil),
    ])
    func parseKeepsOnlyNumbersInsideTheRange(text: String, expected: Int?) {
        #expect(RequestNumber.parse(text, in: RequestNumber.pages) == expected)
    }

    @Test(arguments: [
        ("5", 5), ("0", 1), ("-3", 1), ("9223372036854775807", 100_000), ("-9223372036854775808", 1),
        ("123456789012345678901234567890", 100_000), ("x", 7), ("", 7), ("--", 7),
    ])
    func clampedMovesOutliersToTheNearestEnd(text: String, expected: Int) {
        #expect(RequestNumber.clamped(text, to: RequestNumber.pages, fallback: 7) == expected)
    }

    @Test func missingTextGivesTheFallback() {
        #expect(RequestNumber.clamped(nil as String?, to: 1...10, fallback: 3) == 3)
        #expect(RequestNumber.parse(nil as String?, in: 1...10) == nil)
    }

    @Test func pageArithmeticCannotOverflowAtTheTopOfTheRange() {
        let page = RequestNumber.clamped("9223372036854775807", to: RequestNumber.pages, fallback: 1)
        let (product, overflow) = page.multipliedReportingOverflow(by: 1_000)
        #expect(!overflow && product == 100_000_000)
    }
}
