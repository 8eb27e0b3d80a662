import LoaCore
import Testing

/// Hostile bodies from issue #8: the renderer must do work proportional to the input, counted in
/// characters visited (never timed: the test machines are shared).
@Suite struct MarkdownLinearityTests {
    static let pathological: [(name: String, unit: String)] = [
        ("open brackets", "["),
        ("links never closed", "[a]("),
        ("labels never closed", "[a"),
        ("nested brackets", "[[]"),
        ("image openers", "!["),
        ("backticks", "`"),
        ("stars", "*"),
        ("strong never closed", "**a"),
        ("underscores", "_"),
        ("mixed delimiters", "*[`(]"),
    ]

    @Test(arguments: pathological)
    func inlineWorkIsLinearInTheInput(_ pattern: (name: String, unit: String)) {
        for repetitions in [6_000, 24_000] {
            let body = String(repeating: pattern.unit, count: repetitions)
            let steps = MarkdownHTML.renderCountingSteps(body).steps
            #expect(steps <= 4 * body.count, "\(pattern.name) × \(repetitions): \(steps) steps for \(body.count) characters")
        }
    }

    @Test func twentyFourThousandOpenBracketsStayText() {
        let html = MarkdownHTML.render(String(repeating: "[", count: 24_000))
        #expect(html == "<p>" + String(repeating: "[", count: 24_000) + "</p>")
    }

    @Test func aLinkAfterManyOpenBracketsIsStillALink() {
        let html = MarkdownHTML.render(String(repeating: "[", count: 1_000) + "[trang](/tin-tuc)")
        #expect(html.hasSuffix("<a href=\"/tin-tuc\">" + String(repeating: "[", count: 1_000) + "trang</a></p>"))
    }

    @Test func oneWideRowDoesNotPadEveryOtherRow() {
        let wide = "|" + String(repeating: "a|", count: 10_000)
        let body = ([wide] + Array(repeating: "|b|", count: 10_000)).joined(separator: "\n")
        let html = MarkdownHTML.render(body)
        // Padding every short row to 10,000 cells would be 10^8 cells; the cap keeps it linear.
        #expect(html.utf8.count <= 50 * body.utf8.count)
        #expect(html.contains("<tr><td>b</td><td></td>"))
    }
}
