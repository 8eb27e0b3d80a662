import LoaCore
import Testing

/// Seeded random bodies built from hostile pieces (the same idea as Fuzz/markdown, runnable in CI):
/// whatever the body, the output holds only the renderer's own tags and no script target.
@Suite struct MarkdownSafetyPropertyTests {
    static let pieces = [
        "[", "]", "(", ")", "](", "![", "*", "**", "`", "_", "|", "|---|", "\n", "\n\n", "> ", "- ", "1. ", "# ",
        "<script>", "</p>", "<img src=x>", "\"", "'", "&", "javascript:", "JaVa\tScript:", "data:", "//", "/tin",
        "https://a.vn/", "mailto:", " ", "chữ", "\r\n", "\u{0}", "e\u{301}",
    ]
    static let tags: Set<String> = [
        "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "div", "table", "thead", "tbody", "tr",
        "th", "td", "figure", "img", "figcaption", "a", "strong", "em", "code",
    ]

    @Test func randomBodiesEmitOnlyTheRenderersTags() {
        var random = SeededRandom(seed: 24_000)
        for _ in 0..<3_000 {
            let body = (0..<Int.random(in: 1...40, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
            let html = MarkdownHTML.render(body)
            #expect(!html.lowercased().contains("<script"), "\(body.debugDescription)")
            for tag in html.split(separator: "<").dropFirst() {
                let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }
                #expect(Self.tags.contains(String(name)), "<\(tag.prefix(20)) from \(body.debugDescription)")
            }
            for attribute in ["href=\"", "src=\""] {
                for value in html.components(separatedBy: attribute).dropFirst() {
                    let target = value.prefix { $0 != "\"" }.lowercased().filter { !$0.isWhitespace }
                    #expect(!target.hasPrefix("javascript:") && !target.hasPrefix("data:"), "\(target) from \(body.debugDescription)")
                }
            }
        }
    }
}
