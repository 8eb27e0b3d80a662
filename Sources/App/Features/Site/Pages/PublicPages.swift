import Foundation
import LoaCore

/// A teaser of an article in listings.
struct ArticleCard: Sendable {
    var title: String
    var href: String
    var date: String
    var isoDate: String
    var summary: String
    /// The featured image, shown small beside the title (decorative there: the title says it all).
    var thumbnail: MarkdownHTML.ImageSource?

    init(_ article: Article, mount: SiteMount, media: [UUID: Media] = [:]) {
        title = article.title
        thumbnail = article.featuredMediaID.flatMap { media[$0] }.map(MediaLibrary.imageSource)
        href = mount.path(.article(slug: article.slug))
        let published = article.publishedAt ?? Date(timeIntervalSince1970: 0)
        date = VietnameseDate.day(published)
        isoDate = VietnameseDate.iso8601(published)
        summary = article.summary
    }
}

struct HomePage: Sendable {
    struct CategorySection: Sendable {
        var name: String
        var href: String
        var headingID: String
        var articles: [ArticleCard]
    }

    /// A slide of the featured slideshow: a figure with a caption, optionally a link.
    struct Slide: Sendable {
        var number: Int
        var count: Int
        var image: MarkdownHTML.ImageSource
        var alt: String
        var caption: String
        var href: String?
        /// Only the first slide is loaded at once; the others when scrolled to.
        var lazy: Bool
    }

    var shell: PublicShell
    var slides: [Slide]
    var articles: [ArticleCard]
    var sections: [CategorySection]
    var newsHref: String
    var introduction: String
    var otherSites: [MenuItem]
}

struct NewsPage: Sendable {
    var shell: PublicShell
    var heading: String
    var articles: [ArticleCard]
    var categories: [MenuItem]
    var pager: Pager
}

struct ArticlePage: Sendable {
    var shell: PublicShell
    var title: String
    var summary: String
    var dateTime: String
    var isoDate: String
    var bodyHTML: String
    /// OpenGraph image: the featured image's absolute URL.
    var imageURL: String?
    var author: String
    var source: String?
    var category: MenuItem?
    var tags: [String]
    var related: [ArticleCard]
    var previous: MenuItem?
    var next: MenuItem?
    var downloadHref: String
    var shareLinks: [MenuItem]
    var previewNotice: String?
    /// "Nghe bài viết": the article read aloud, once its audio for this version exists.
    var listen: Listen?

    struct Listen: Sendable {
        var href: String
        var duration: String
    }
}

/// Giới thiệu and Liên hệ: a heading, paragraphs and optionally the contact list.
struct TextPage: Sendable {
    var shell: PublicShell
    var heading: String
    var paragraphs: [String]
    var contact: SiteContact?
}

/// A static page written in the back office.
struct StaticPage: Sendable {
    var shell: PublicShell
    var heading: String
    var bodyHTML: String
}

struct SiteMapPage: Sendable {
    struct Section: Sendable {
        var label: String
        var href: String
        var children: [MenuItem]
    }

    var shell: PublicShell
    var sections: [Section]
    var otherSites: [MenuItem]
}

struct ErrorPage: Sendable {
    var heading: String
    var message: String
    var reference: String?
    var homeHref: String
}

struct SearchPage: Sendable {
    struct Result: Sendable {
        var card: ArticleCard
        var titleHTML: String
        var snippetHTML: String
        var siteName: String?
    }

    var shell: PublicShell
    var action: String
    var query: String
    var allSites: Bool
    var categories: [SelectOption]
    var from: String
    var to: String
    var message: String?
    var total: Int
    var results: [Result]
    /// Other kinds of matches (published answers…), each under its heading.
    var groups: [SearchGroup]
    var pager: Pager
}
