// libFuzzer target for MarkdownHTML (built by scripts/fuzz.sh with the LoaCore sources).
// Beyond "no crash": no `<script`, every `<` starts one of the renderer's own tags, no link or image
// target starts with a script scheme and each passes safeURL, and the work stays linear in the input.

import LoaCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let markdown = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let (html, steps) = MarkdownHTML.renderCountingSteps(markdown)
    if steps > 8 * markdown.count + 64 {
        fatalError("inline rendering is not linear: \(steps) steps for \(markdown.count) characters")
    }
    if let problem = RenderedHTMLCheck.firstProblem(in: html) {
        fatalError("\(problem)\n--- input ---\n\(markdown.debugDescription)\n--- output ---\n\(html)")
    }
    return 0
}

/// Reads the renderer's output tag by tag against its allowlist.
enum RenderedHTMLCheck {
    static let bareTags: Set<String> = [
        "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "td",
        "figure", "figcaption", "strong", "em", "code",
    ]
    static let closable: Set<String> = bareTags.union(["div", "th", "a"]).subtracting(["br"])

    static func firstProblem(in html: String) -> String? {
        let lower = html.lowercased()
        if lower.contains("<script") { return "<script in output" }
        // Scalar by scalar, as a browser reads it: "<" or ">" followed by a combining mark is one
        // Character, and the tag would be missed.
        var rest = Substring(html).unicodeScalars[...]
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { return "unclosed tag" }
            let tag = Substring(rest[rest.index(after: open)..<close])
            if let problem = check(tag: tag) { return "\(problem): <\(tag)>" }
            rest = rest[rest.index(after: close)...]
        }
        return nil
    }

    private static func check(tag: Substring) -> String? {
        if tag.hasPrefix("/") { return closable.contains(String(tag.dropFirst())) ? nil : "unknown closing tag" }
        if bareTags.contains(String(tag)) { return nil }
        if tag == "div class=\"table-wrap\"" || tag == "th scope=\"col\"" { return nil }
        if tag.hasPrefix("a href=\"") && tag.hasSuffix("\"") {
            return checkURL(tag.dropFirst("a href=\"".count).dropLast())
        }
        if tag.hasPrefix("img src=\"") && tag.hasSuffix(" loading=\"lazy\" decoding=\"async\"") {
            let afterSrc = tag.dropFirst("img src=\"".count)
            guard let end = afterSrc.firstIndex(of: "\"") else { return "img without src end" }
            if let problem = checkURL(afterSrc[..<end]) { return problem }
            return afterSrc[end...].contains("<") ? "< inside an attribute" : nil
        }
        return "tag outside the allowlist"
    }

    /// An attribute value as emitted: escaped (no raw quote or <) and a target safeURL accepts.
    private static func checkURL(_ escaped: Substring) -> String? {
        if escaped.contains("\"") || escaped.contains("<") { return "unescaped character in a URL" }
        let url = escaped.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        let squeezed = url.lowercased().filter { !$0.isWhitespace && !($0.asciiValue.map { $0 < 0x20 } ?? false) }
        // "javascript:" may appear as text, or inside the path of an http(s) link (harmless there);
        // a target must never start with a script scheme, even with spaces or controls slipped in.
        if ["javascript:", "data:", "vbscript:"].contains(where: { squeezed.hasPrefix($0) }) {
            return "script URL"
        }
        return MarkdownHTML.safeURL(url) == url ? nil : "URL that safeURL refuses"
    }
}
