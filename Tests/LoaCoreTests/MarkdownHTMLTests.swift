import LoaCore
import Testing

@Suite struct MarkdownHTMLTests {
    /// A quote or angle bracket followed by a combining mark is one Character but two scalars; a
    /// browser ends the attribute at the quote, so it must be escaped (found by the fuzz target).
    @Test func quotesAndBracketsBeforeCombiningMarksAreEscaped() {
        let accent = String(Unicode.Scalar(0x301)!)
        let caron = String(Unicode.Scalar(0x30C)!)
        let quoted = MarkdownHTML.escape("\"" + accent + " onmouseover=x")
        #expect(quoted == "&quot;" + accent + " onmouseover=x")
        let bracketed = MarkdownHTML.escape("<" + caron + "b>")
        #expect(bracketed == "&lt;" + caron + "b&gt;")
        let paragraph = MarkdownHTML.render("<" + caron + "script>")
        #expect(paragraph == "<p>&lt;" + caron + "script&gt;</p>", "\(paragraph.debugDescription)")
    }

    @Test func paragraphsHeadingsAndLists() {
        let html = MarkdownHTML.render("# Tiêu đề\n\nĐoạn một\ndòng hai\n\n- Ý một\n- Ý hai\n\n1. Bước một\n2) Bước hai\n\n### Mục nhỏ")
        #expect(html.contains("<h2>Tiêu đề</h2>"))
        #expect(html.contains("<p>Đoạn một<br>\ndòng hai</p>"))
        #expect(html.contains("<ul><li>Ý một</li><li>Ý hai</li></ul>"))
        #expect(html.contains("<ol><li>Bước một</li><li>Bước hai</li></ol>"))
        #expect(html.contains("<h3>Mục nhỏ</h3>"))
    }

    @Test func wordBulletsBecomeAList() {
        #expect(MarkdownHTML.render("• Hồ sơ\n• Lệ phí") == "<ul><li>Hồ sơ</li><li>Lệ phí</li></ul>")
    }

    @Test func emphasisCodeAndLinks() {
        let html = MarkdownHTML.render("**Đậm** và *nghiêng*, `mã`, [Cổng DVC](https://dichvucong.gov.vn) và [trang](/tin-tuc)")
        #expect(
            html
                == "<p><strong>Đậm</strong> và <em>nghiêng</em>, <code>mã</code>, <a href=\"https://dichvucong.gov.vn\">Cổng DVC</a> và <a href=\"/tin-tuc\">trang</a></p>"
        )
    }

    @Test(arguments: ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>", "vbscript:x", "//evil.example/x", "java\\script:x"])
    func unsafeLinkTargetsLoseTheLink(target: String) {
        let html = MarkdownHTML.render("[bấm](\(target))")
        #expect(!html.contains("<a"), "\(target) became a link: \(html)")
        #expect(html.contains("bấm"))
    }

    @Test func rawHTMLIsShownAsText() {
        let html = MarkdownHTML.render("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func aQuoteInALinkCannotLeaveTheAttribute() {
        let html = MarkdownHTML.render("[x](https://a.vn/\"onmouseover=\"alert(1))")
        #expect(!html.contains("\"onmouseover"))
        #expect(html.contains("&quot;onmouseover=&quot;"))
    }

    @Test func tablesGetHeaderCells() {
        let html = MarkdownHTML.render("| Ngày | Giờ |\n|---|:---:|\n| Thứ Hai | 7 giờ |\n| Thứ Bảy |")
        #expect(html.contains("<thead><tr><th scope=\"col\">Ngày</th><th scope=\"col\">Giờ</th></tr></thead>"))
        #expect(html.contains("<tr><td>Thứ Hai</td><td>7 giờ</td></tr><tr><td>Thứ Bảy</td><td></td></tr>"))
    }

    @Test func imagesBecomeFiguresWithAltAndCaption() {
        let html = MarkdownHTML.render("![Cán bộ một cửa <b>](/media/a.jpg \"Chú thích & ảnh\")") { url in
            MarkdownHTML.ImageSource(src: url.replacingOccurrences(of: ".jpg", with: "-640.jpg"), srcset: "/media/a-320.jpg 320w", width: 1600, height: 900)
        }
        #expect(html.hasPrefix("<figure><img src=\"/media/a-640.jpg\" alt=\"Cán bộ một cửa &lt;b&gt;\" srcset=\"/media/a-320.jpg 320w\""))
        #expect(html.contains("width=\"1600\" height=\"900\" loading=\"lazy\""))
        #expect(html.contains("<figcaption>Chú thích &amp; ảnh</figcaption></figure>"))
    }

    @Test func imagesWithoutAltAreReported() {
        #expect(MarkdownHTML.imagesWithoutAlt("Chữ\n\n![](/media/a.jpg)\n![Có mô tả](/media/b.jpg)") == ["/media/a.jpg"])
        #expect(MarkdownHTML.imageURLs("![a](/media/a.jpg)\n\n![b](/media/b.jpg \"c\")") == ["/media/a.jpg", "/media/b.jpg"])
    }

    @Test func anImageWithAScriptTargetIsNotEmitted() {
        let html = MarkdownHTML.render("![ảnh](javascript:alert(1))")
        #expect(!html.contains("<img"))
    }
}
