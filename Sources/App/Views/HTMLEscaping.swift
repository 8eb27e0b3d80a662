/// HTML escaping for the few fragments Loa builds outside Mustache (article bodies, SVG later).
enum HTML {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}

/// The foundation's article body: paragraphs, `##`/`###` headings and `-` lists, every piece of
/// text escaped, so raw HTML in a body is shown as text and never runs. The newsroom (issue #3)
/// replaces this with full Markdown behind an allow-list sanitizer.
enum ArticleBodyHTML {
    static func render(_ markdown: String) -> String {
        var html: [String] = []
        var listItems: [String] = []
        var paragraph: [String] = []

        func flushParagraph() {
            if !paragraph.isEmpty { html.append("<p>\(escape(paragraph.joined(separator: " ")))</p>") }
            paragraph = []
        }
        func flushList() {
            if !listItems.isEmpty { html.append("<ul>" + listItems.map { "<li>\(escape($0))</li>" }.joined() + "</ul>") }
            listItems = []
        }

        for rawLine in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                flushParagraph(); flushList()
            } else if line.hasPrefix("### ") {
                flushParagraph(); flushList()
                html.append("<h3>\(escape(String(line.dropFirst(4))))</h3>")
            } else if line.hasPrefix("## ") {
                flushParagraph(); flushList()
                html.append("<h2>\(escape(String(line.dropFirst(3))))</h2>")
            } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
                flushParagraph()
                listItems.append(String(line.dropFirst(2)))
            } else {
                flushList()
                paragraph.append(line)
            }
        }
        flushParagraph(); flushList()
        return html.joined(separator: "\n")
    }

    private static func escape(_ text: String) -> String { HTML.escape(text) }
}
