import FluentKit
import Foundation
import LoaCore

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

    /// (site, slug, last change) of every public article, for sitemaps.
    static func sitemapEntries(siteIDs: [UUID], now: Date, on db: any Database) async throws -> [Article] {
        guard !siteIDs.isEmpty else { return [] }
        return try await visible(now: now, on: db)
            .filter(\.$site.$id ~~ siteIDs)
            .field(\.$id).field(\.$site.$id).field(\.$slug).field(\.$publishedAt).field(\.$updatedAt)
            .sort(\.$publishedAt, .descending).all()
    }

    static func visible(now: Date, on db: any Database) -> QueryBuilder<Article> {
        Article.query(on: db)
            .filter(\.$status ~~ [ArticleState.published.rawValue, ArticleState.scheduled.rawValue])
            .filter(\.$publishedAt <= now)
            .group(.or) { $0.filter(\.$expiresAt == nil).filter(\.$expiresAt > now) }
    }
}
