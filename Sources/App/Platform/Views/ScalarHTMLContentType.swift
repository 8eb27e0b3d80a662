import LoaCore
import Mustache

/// The escaping of `{{value}}` in every template. swift-mustache's own HTML type compares
/// `Character`s, and a quote followed by a combining mark (`"` U+0301) is one `Character` that is
/// not `"`: it went out raw and closed the attribute it sat in. A browser reads scalars, so this
/// escapes scalar by scalar (`MarkdownHTML.escape`). Templates choose it with the pragma
/// `{{% CONTENT_TYPE: LOA_HTML}}` on their first line; a partial does not inherit its caller's type,
/// so every template carries the pragma and `TemplateEscapingTests` checks that each one does.
struct ScalarHTMLContentType: MustacheContentType {
    static let name = "LOA_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(name)}}"

    func escapeText(_ text: String) -> String { MarkdownHTML.escape(text) }
}
