import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// RSS 2.0 feeds of a site and of each category (issue #3).
extension PublicController {
    static let feedSize = 30

    @Sendable func feed(_ r: PublicRequest) async throws -> Response {
        try await rss(r, category: nil)
    }

    @Sendable func categoryFeed(_ r: PublicRequest) async throws -> Response {
        guard let slug = r.context.parameters.get("category"),
            let category = try await CategoryQueries.category(siteID: r.site.id, slug: slug, on: db)
        else { throw AppError.notFound }
        return try await rss(r, category: category)
    }

    private func rss(_ r: PublicRequest, category: Category?) async throws -> Response {
        let base = baseURL(of: r.site).absoluteString
        let articles = try await ArticleQueries.latest(siteID: r.site.id, categoryID: category?.id, now: clients.now(), limit: Self.feedSize, on: db)
        let channelLink = base + r.mount.path(category.map { .category(slug: $0.slug, page: 1) } ?? .home)
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel>
            <title>\(Self.xmlText(category.map { "\($0.name) - \(r.site.name)" } ?? r.site.name))</title>
            <link>\(Self.xmlText(channelLink))</link>
            <description>\(Self.xmlText(r.site.introduction.isEmpty ? r.site.name : r.site.introduction))</description>
            <language>vi</language>

            """
        for article in articles {
            let link = base + r.mount.path(.article(slug: article.slug))
            xml += "<item><title>\(Self.xmlText(article.title))</title><link>\(Self.xmlText(link))</link>"
            xml += "<guid isPermaLink=\"true\">\(Self.xmlText(link))</guid>"
            if let date = article.publishedAt { xml += "<pubDate>\(Self.rfc822(date))</pubDate>" }
            if !article.authorName.isEmpty { xml += "<author>\(Self.xmlText(r.site.contact.email)) (\(Self.xmlText(article.authorName)))</author>" }
            xml += "<description>\(Self.xmlText(article.summary))</description></item>\n"
        }
        xml += "</channel></rss>\n"
        var headers = HTTPFields()
        headers[.contentType] = "application/rss+xml; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: xml)))
    }

    /// Escaped text without the characters XML 1.0 forbids (control characters but tab, LF and CR;
    /// U+FFFE and U+FFFF): one of them in a stored article would make the whole feed unreadable to
    /// every feed reader. New text cannot carry them (the back office and importers refuse them), but
    /// older rows may.
    static func xmlText(_ text: String) -> String {
        let allowed = text.unicodeScalars.allSatisfy(isXMLCharacter)
        return HTML.escape(allowed ? text : String(String.UnicodeScalarView(text.unicodeScalars.filter(isXMLCharacter))))
    }

    private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xFFFD: true  // Swift strings hold no surrogates (U+D800–DFFF)
        case 0x10000...: true
        default: false
        }
    }

    /// RSS dates are RFC 822, in English, whatever the site's language.
    static func rfc822(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = VietnameseDate.timeZone
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
