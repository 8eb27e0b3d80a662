import FluentKit
import Foundation
import LoaCore

/// Published articles of the administrative-reform category count as portal news items of the unit
/// their writer belongs to (the site's unit when the writer is unknown, as for imported news).
struct ArticleEvidence: EvidenceSource {
    /// The category every site's CCHC news is filed under (the demo world and imports use this slug).
    static let reformCategorySlug = "cai-cach-hanh-chinh"

    func records(indicators: Set<PlanIndicator>, units: Set<UUID>, from: Date, to: Date, on db: any Database) async throws -> [EvidenceRecord] {
        guard indicators.contains(.newsItems) else { return [] }
        let categories = try await Category.query(on: db).filter(\.$slug == Self.reformCategorySlug).all().compactMap(\.id)
        guard !categories.isEmpty else { return [] }
        let articles = try await Article.query(on: db)
            .filter(\.$category.$id ~~ categories)
            .filter(\.$status == ArticleState.published.rawValue)
            .filter(\.$publishedAt >= from).filter(\.$publishedAt < to)
            .all()
        let writerIDs = Set(articles.compactMap(\.createdBy))
        let writers = writerIDs.isEmpty ? [] : try await User.query(on: db).filter(\.$id ~~ Array(writerIDs)).all()
        let writerUnit = Dictionary(uniqueKeysWithValues: writers.compactMap { user in user.id.map { ($0, user.$unit.id) } })
        return articles.compactMap { article in
            let unit = article.createdBy.flatMap { writerUnit[$0] } ?? article.$unit.id
            guard units.contains(unit), let published = article.publishedAt else { return nil }
            return EvidenceRecord(
                date: published, unitID: unit, indicator: .newsItems, quantity: 1, itemID: nil, channel: .portal,
                source: "Tin bài", title: article.title)
        }
    }
}
