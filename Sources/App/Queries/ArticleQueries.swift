import FluentKit
import Foundation

/// Reads of published articles for public pages; tested directly without HTTP.
enum ArticleQueries {
    static func latest(siteID: UUID, now: Date, limit: Int, offset: Int = 0, on db: any Database) async throws -> [Article] {
        try await published(siteID: siteID, now: now, on: db)
            .sort(\.$publishedAt, .descending).sort(\.$id)
            .range(offset..<(offset + limit)).all()
    }

    static func count(siteID: UUID, now: Date, on db: any Database) async throws -> Int {
        try await published(siteID: siteID, now: now, on: db).count()
    }

    static func article(siteID: UUID, slug: String, now: Date, on db: any Database) async throws -> Article? {
        try await published(siteID: siteID, now: now, on: db).filter(\.$slug == slug).first()
    }

    /// (site, slug, last change) of every published article, for sitemaps.
    static func sitemapEntries(siteIDs: [UUID], now: Date, on db: any Database) async throws -> [Article] {
        guard !siteIDs.isEmpty else { return [] }
        return try await Article.query(on: db)
            .filter(\.$site.$id ~~ siteIDs).filter(\.$publishedAt <= now)
            .field(\.$id).field(\.$site.$id).field(\.$slug).field(\.$publishedAt).field(\.$updatedAt)
            .sort(\.$publishedAt, .descending).all()
    }

    private static func published(siteID: UUID, now: Date, on db: any Database) -> QueryBuilder<Article> {
        Article.query(on: db).filter(\.$site.$id == siteID).filter(\.$publishedAt <= now)
    }
}
