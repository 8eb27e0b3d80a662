/// The Markdown that article bodies and static pages are written in, turned into HTML that is safe by
/// construction: every piece of text and every attribute value is escaped as it is emitted, raw HTML in
/// the source is shown as text, and link targets are limited to http(s), mailto, tel and site paths.
///
/// Blocks: paragraphs, `##`/`###` headings (`#` becomes `<h2>`: the page title is the only `<h1>`),
/// `-`/`*`/`+` lists (and the bullets Word pastes: •, ·, ◦), numbered lists, `>` quotes, pipe tables
/// (a `|---|` line makes the row above it a header row), and images alone on a line,
/// `![alt](url "caption")`, as figures. Inline: `**bold**`, `*italic*`, `` `code` ``, `[text](url)`.
/// See docs/decisions/0009-markdown.md for why this is not Ink.
public enum MarkdownHTML {
    /// How an image of the media library is served: several widths for `srcset`.
    public struct ImageSource: Sendable, Equatable {
        public var src: String
        public var srcset: String?
        public var width: Int?
        public var height: Int?

        public init(src: String, srcset: String? = nil, width: Int? = nil, height: Int? = nil) {
            self.src = src
            self.srcset = srcset
            self.width = width
            self.height = height
        }
    }

    /// Resolves an image URL of the body (e.g. a media-library path) to its renditions; nil keeps it as written.
    public typealias ImageResolver = (String) -> ImageSource?

    public static func render(_ markdown: String, images: @escaping ImageResolver = { _ in nil }) -> String {
        renderCountingSteps(markdown, images: images).html
    }

    /// `render`, with the number of characters the inline renderer visited: tests bound it by a
    /// multiple of the input length to prove the renderer linear without timing it.
    package static func renderCountingSteps(_ markdown: String, images: @escaping ImageResolver = { _ in nil }) -> (html: String, steps: Int) {
        var renderer = BlockRenderer(images: images)
        for line in markdown.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            renderer.consume(line.trimmingCharacters(in: .whitespaces))
        }
        renderer.flush()
        return (renderer.html.joined(separator: "\n"), renderer.work.steps)
    }

    /// Images of the body written without alternative text (the editor refuses to save them).
    public static func imagesWithoutAlt(_ markdown: String) -> [String] {
        markdown.split(separator: "\n").compactMap { line in
            guard let image = BlockImage(line.trimmingCharacters(in: .whitespaces)) else { return nil }
            return image.alt.trimmingCharacters(in: .whitespaces).isEmpty ? image.url : nil
        }
    }

    /// The image URLs of the body, in order (to find which media an article uses).
    public static func imageURLs(_ markdown: String) -> [String] {
        markdown.split(separator: "\n").compactMap { BlockImage($0.trimmingCharacters(in: .whitespaces))?.url }
    }

    /// A link target that may be emitted, or nil: scripts, data URLs and other schemes are dropped.
    public static func safeURL(_ raw: String) -> String? {
        let url = raw.trimmingCharacters(in: .whitespaces)
        guard !url.isEmpty, !url.contains(where: { $0.isWhitespace || $0 == "\\" }) else { return nil }
        let lower = url.lowercased()
        if lower.hasPrefix("//") { return nil }
        for scheme in ["http://", "https://", "mailto:", "tel:"] where lower.hasPrefix(scheme) { return url }
        if let colon = lower.firstIndex(of: ":") {
            // A colon before any '/', '?' or '#' means a scheme (javascript:, data:, vbscript:…).
            let head = lower[..<colon]
            if !head.contains(where: { "/?#".contains($0) }) { return nil }
        }
        return url
    }

    /// Escapes `& < > " '` for text and attribute positions. Read scalar by scalar, as a browser
    /// reads HTML: a quote followed by a combining mark is one `Character`, which a comparison of
    /// characters would let through unescaped (found by the Markdown fuzz target).
    public static func escape(_ text: some StringProtocol) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// `![alt](url "caption")` alone on a line.
struct BlockImage {
    var alt: String
    var url: String
    var caption: String?

    init?(_ line: String) {
        guard line.hasPrefix("!["), line.hasSuffix(")"), let close = line.range(of: "](") else { return nil }
        alt = String(line[line.index(line.startIndex, offsetBy: 2)..<close.lowerBound])
        var target = String(line[close.upperBound..<line.index(before: line.endIndex)]).trimmingCharacters(in: .whitespaces)
        caption = nil
        if target.hasSuffix("\""), let open = target.dropLast().lastIndex(of: "\""), open > target.startIndex {
            caption = String(target[target.index(after: open)..<target.index(before: target.endIndex)])
            target = String(target[..<open]).trimmingCharacters(in: .whitespaces)
        }
        guard !target.isEmpty, !target.contains(" ") else { return nil }
        url = target
    }
}

/// Reads lines one by one and emits HTML blocks.
struct BlockRenderer {
    let images: MarkdownHTML.ImageResolver
    let work = InlineWork()
    var html: [String] = []
    private var paragraph: [String] = []
    private var list: (ordered: Bool, items: [String])?
    private var quote: [String] = []
    private var table: [[String]] = []
    private var tableHasHeader = false

    init(images: @escaping MarkdownHTML.ImageResolver) { self.images = images }

    mutating func consume(_ line: String) {
        if line.isEmpty { return flush() }
        if line.hasPrefix("|") { return addTableRow(line) }
        if !table.isEmpty { flushTable() }
        if line.hasPrefix(">") {
            flushParagraph(); flushList()
            quote.append(String(line.dropFirst()).trimmingCharacters(in: .whitespaces))
            return
        }
        flushQuote()
        if let (level, text) = heading(line) {
            flush()
            html.append("<h\(level)>\(inline(text))</h\(level)>")
        } else if let image = BlockImage(line) {
            flush()
            html.append(figure(image))
        } else if let item = listItem(line) {
            flushParagraph()
            if let current = list, current.ordered != item.ordered { flushList() }
            // Appended in place: rebuilding the array for each item made long lists quadratic.
            if list == nil { list = (item.ordered, []) }
            list?.items.append(item.text)
        } else {
            flushList()
            paragraph.append(line)
        }
    }

    mutating func flush() {
        flushParagraph(); flushList(); flushQuote(); flushTable()
    }

    private func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return (min(4, max(2, hashes)), String(line.dropFirst(hashes + 1)))
    }

    private func listItem(_ line: String) -> (ordered: Bool, text: String)? {
        for bullet in ["- ", "* ", "+ ", "• ", "· ", "◦ ", "•\t", "·\t"] where line.hasPrefix(bullet) {
            return (false, String(line.dropFirst(bullet.count)).trimmingCharacters(in: .whitespaces))
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        let rest = line.dropFirst(digits.count)
        guard let marker = rest.first, marker == "." || marker == ")", rest.dropFirst().first?.isWhitespace == true else { return nil }
        return (true, String(rest.dropFirst(2)).trimmingCharacters(in: .whitespaces))
    }

    private func figure(_ image: BlockImage) -> String {
        guard let url = MarkdownHTML.safeURL(image.url) else { return "<p>\(MarkdownHTML.escape(image.alt))</p>" }
        let source = images(url) ?? MarkdownHTML.ImageSource(src: url)
        var img = "<img src=\"\(MarkdownHTML.escape(source.src))\" alt=\"\(MarkdownHTML.escape(image.alt))\""
        if let srcset = source.srcset {
            img += " srcset=\"\(MarkdownHTML.escape(srcset))\" sizes=\"(max-width: 48rem) 100vw, 48rem\""
        }
        if let width = source.width, let height = source.height { img += " width=\"\(width)\" height=\"\(height)\"" }
        img += " loading=\"lazy\" decoding=\"async\">"
        let caption = image.caption.map { "<figcaption>\(inline($0))</figcaption>" } ?? ""
        return "<figure>\(img)\(caption)</figure>"
    }

    static let maxPaddedColumns = 20

    private mutating func addTableRow(_ line: String) {
        flushParagraph(); flushList(); flushQuote()
        var cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if cells.first == "" { cells.removeFirst() }
        if cells.last == "" { cells.removeLast() }
        let isSeparator = !cells.isEmpty && cells.allSatisfy { cell in !cell.isEmpty && cell.allSatisfy { "-: ".contains($0) } }
        if isSeparator, table.count == 1 { tableHasHeader = true; return }
        table.append(cells)
    }

    private func inline(_ text: String) -> String { Inline.render(text, counting: work) }

    private mutating func flushParagraph() {
        guard !paragraph.isEmpty else { return }
        html.append("<p>\(paragraph.map(inline).joined(separator: "<br>\n"))</p>")
        paragraph = []
    }

    private mutating func flushList() {
        guard let current = list else { return }
        let tag = current.ordered ? "ol" : "ul"
        html.append("<\(tag)>" + current.items.map { "<li>\(inline($0))</li>" }.joined() + "</\(tag)>")
        list = nil
    }

    private mutating func flushQuote() {
        guard !quote.isEmpty else { return }
        html.append("<blockquote><p>\(quote.map(inline).joined(separator: "<br>\n"))</p></blockquote>")
        quote = []
    }

    private mutating func flushTable() {
        guard !table.isEmpty else { return }
        // Short rows are padded to the widest row, but never beyond `maxPaddedColumns`: one row of
        // 10,000 cells must not make every other row 10,000 empty cells (output quadratic in input).
        let columns = min(table.map(\.count).max() ?? 0, Self.maxPaddedColumns)
        var rows: [String] = []
        for (index, row) in table.enumerated() {
            let padded = row + Array(repeating: "", count: max(0, columns - row.count))
            let isHeader = index == 0 && tableHasHeader
            let cells = padded.map { isHeader ? "<th scope=\"col\">\(inline($0))</th>" : "<td>\(inline($0))</td>" }
            rows.append("<tr>\(cells.joined())</tr>")
        }
        let head = tableHasHeader ? "<thead>\(rows.removeFirst())</thead>" : ""
        html.append("<div class=\"table-wrap\"><table>\(head)<tbody>\(rows.joined())</tbody></table></div>")
        table = []
        tableHasHeader = false
    }
}
