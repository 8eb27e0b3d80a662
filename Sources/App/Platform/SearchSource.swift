import FluentKit
import Foundation
import LoaCore

/// A feature's share of a site's search box besides articles: a group of matches with a heading,
/// shown under the articles on `/tim-kiem` (issues #13, #15). The article search pages through its
/// results; a group shows its best few and how many there are.
protocol SearchSource: Sendable {
    func search(_ query: SearchQuery, site: SiteInfo, mount: SiteMount, limit: Int, on db: any Database) async throws -> SearchGroup?
}

struct SearchGroup: Sendable {
    struct Hit: Sendable {
        var href: String
        /// Escaped text with the matches in `<mark>`.
        var titleHTML: String
        var snippetHTML: String
        var meta: String
    }
    var heading: String
    var total: Int
    var hits: [Hit]
    /// Where all of them are listed.
    var moreHref: String?
}

extension SearchGroup.Hit {
    /// A hit whose title and snippet show where `terms` matched.
    init(href: String, title: String, text: String, meta: String, terms: [String]) {
        self.init(
            href: href, titleHTML: HighlightedHTML.render(SearchHighlight.snippet(title, terms: terms, maxLength: 300)),
            snippetHTML: HighlightedHTML.render(SearchHighlight.snippet(text, terms: terms)), meta: meta)
    }
}

/// Escaped text with matches wrapped in `<mark>`.
enum HighlightedHTML {
    static func render(_ segments: [HighlightSegment]) -> String {
        segments.map { $0.isMatch ? "<mark>\(HTML.escape($0.text))</mark>" : HTML.escape($0.text) }.joined()
    }
}
