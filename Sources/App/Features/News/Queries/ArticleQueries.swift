import FluentKit
import Foundation
import LoaCore
import SQLKit

/// Reads of what the public may see, for public pages and feeds; tested directly without HTTP.
/// Public = published, or scheduled whose time has come, and not past its expiry.
enum ArticleQueries {
    static func latest(
        siteID: UUID, categoryID: UUID? = nil, now: Date, limit: Int, offset: Int = 0, on db: any Database
    ) async throws -> [Article] {
        var query = visible(now: now, on: db).filter(\.$site.$id == siteID)
        if let categoryID { query = query.filter(\.$category.$id == categoryID) }
        return try await query.sort(\.$publishedAt, .descending).sort(\.$id).range(offset..<(offset + limit)).all()
    }

    static func count(siteID: UUID, categoryID: UUID? = nil, now: Date, on db: any Database) async throws -> Int {
        var query = visible(now: now, on: db).filter(\.$site.$id == siteID)
        if let categoryID { query = query.filter(\.$category.$id == categoryID) }
        return try await query.count()
    }

    static func article(siteID: UUID, slug: String, now: Date, on db: any Database) async throws -> Article? {
        try await visible(now: now, on: db).filter(\.$site.$id == siteID).filter(\.$slug == slug).with(\.$tags).first()
    }

    /// The article with `id` on the site, when readers can see it now.
    static func visible(id: UUID, siteID: UUID, now: Date, on db: any Database) async throws -> Article? {
        try await visible(now: now, on: db).filter(\.$site.$id == siteID).filter(\.$id == id).first()
    }

    /// The article that used to be at `slug` before its title (and slug) changed.
    static func renamed(siteID: UUID, slug: String, now: Date, on db: any Database) async throws -> Article? {
        guard let old = try await ArticleSlug.query(on: db).filter(\.$site.$id == siteID).filter(\.$slug == slug).first() else { return nil }
        return try await visible(now: now, on: db).filter(\.$id == old.$article.id).first()
    }

    /// The neighbours of an article in its category: the one published just before and just after.
    static func neighbours(of article: Article, now: Date, on db: any Database) async throws -> (previous: Article?, next: Article?) {
        guard let published = article.publishedAt else { return (nil, nil) }
        let id = try article.requireID()
        var base = visible(now: now, on: db).filter(\.$site.$id == article.$site.id).filter(\.$id != id)
        if let category = article.$category.id { base = base.filter(\.$category.$id == category) }
        let previous = try await base.copy().filter(\.$publishedAt < published).sort(\.$publishedAt, .descending).first()
        let next = try await base.copy().filter(\.$publishedAt > published).sort(\.$publishedAt, .ascending).first()
        return (previous, next)
    }

    /// Articles sharing a tag with this one, newest first.
    static func related(to article: Article, limit: Int, now: Date, on db: any Database) async throws -> [Article] {
        let slugs = article.tags.map(\.slug)
        guard !slugs.isEmpty else { return [] }
        let ids = try await ArticleTag.query(on: db).filter(\.$slug ~~ slugs).filter(\.$article.$id != article.requireID())
            .field(\.$article.$id).limit(200).all().map(\.$article.id)
        guard !ids.isEmpty else { return [] }
        return try await visible(now: now, on: db).filter(\.$site.$id == article.$site.id).filter(\.$id ~~ Array(Set(ids)))
            .sort(\.$publishedAt, .descending).limit(limit).all()
    }

    struct SitemapEntry: Decodable, Sendable {
        var site_id: UUID
        var slug: String
        var published_at: Date
        var updated_at: Date?
    }

    /// The sitemaps protocol allows 50,000 URLs a file; the newest articles fill what the pages leave.
    static let sitemapArticleLimit = 45_000

    /// (site, slug, last change) of the newest public articles, read as plain rows: hydrating 100,000
    /// Fluent models for one sitemap cost hundreds of megabytes (issue #3 benchmark).
    static func sitemapEntries(siteIDs: [UUID], now: Date, on db: any Database) async throws -> [SitemapEntry] {
        guard !siteIDs.isEmpty, let sql = db as? any SQLDatabase else { return [] }
        let sites = SQLList(siteIDs.map { SQLBind($0) })
        return try await sql.raw(
            """
            SELECT site_id, slug, published_at, updated_at FROM articles
            WHERE site_id IN (\(sites)) AND status IN ('published', 'scheduled') AND published_at <= \(bind: now)
              AND (expires_at IS NULL OR expires_at > \(bind: now))
            ORDER BY published_at DESC LIMIT \(unsafeRaw: String(sitemapArticleLimit))
            """
        ).all(decoding: SitemapEntry.self)
    }

    static func visible(now: Date, on db: any Database) -> QueryBuilder<Article> {
        Article.query(on: db)
            .filter(\.$status ~~ [ArticleState.published.rawValue, ArticleState.scheduled.rawValue])
            .filter(\.$publishedAt <= now)
            .group(.or) { $0.filter(\.$expiresAt == nil).filter(\.$expiresAt > now) }
    }
}
