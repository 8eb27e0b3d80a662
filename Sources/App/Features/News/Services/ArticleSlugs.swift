import FluentKit
import Foundation

/// Slugs are unique per site, including the old slugs kept for redirects: two articles with the
/// same title get `…` and `…-2`.
enum ArticleSlugs {
    static func available(_ base: String, siteID: UUID, excluding articleID: UUID? = nil, on db: any Database) async throws -> String {
        let stem = base.isEmpty ? "bai-viet" : base
        for suffix in 1...10_000 {
            let candidate = suffix == 1 ? stem : "\(stem)-\(suffix)"
            var current = Article.query(on: db).filter(\.$site.$id == siteID).filter(\.$slug == candidate)
            if let articleID { current = current.filter(\.$id != articleID) }
            let takenNow = try await current.count() > 0
            let takenBefore = try await ArticleSlug.query(on: db).filter(\.$site.$id == siteID).filter(\.$slug == candidate).count() > 0
            if !takenNow && !takenBefore { return candidate }
        }
        return "\(stem)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}
