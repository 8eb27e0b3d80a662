import FluentKit
import Foundation
import LoaCore
import SQLKit

/// Published answers found by the site's search box (issue #15): an answer is indexed, question and
/// answer together, when it is published, and again when a moderator edits its text.
struct FeedbackSearch: SearchSource {
    /// Indexes `item` when it is published, or removes it; runs in the caller's transaction.
    static func update(_ item: FeedbackItemRecord, on db: any Database) async throws {
        let id = try item.requireID()
        try await db.sql.delete(from: "feedback_search").where("item_id", .equal, SQLBind(id)).run()
        guard item.published, let answered = item.answeredAt else { return }
        try await db.sql.insert(into: "feedback_search").columns("item_id", "site_id", "answered_at", "title_folded", "folded")
            .values(
                SQLBind(id), SQLBind(item.siteID), SQLBind(answered), SQLBind(VietnameseText.fold(item.title)),
                SQLBind(VietnameseText.fold([item.title, item.content, item.answer, item.topic].joined(separator: " ")))
            ).run()
    }

    func search(_ query: SearchQuery, site: SiteInfo, mount: SiteMount, limit: Int, on db: any Database) async throws -> SearchGroup? {
        guard !query.isEmpty else { return nil }
        let sql = db.sql
        let match: SQLQueryString =
            sql.dialect.name == "sqlite"
            ? "s.rowid IN (SELECT rowid FROM feedback_fts WHERE feedback_fts MATCH \(bind: query.fts5Expression))"
            : "s.folded_tsv @@ to_tsquery('simple', \(bind: query.tsQueryExpression))"
        let scope: SQLQueryString = "s.site_id = \(bind: site.id) AND \(match)"
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM feedback_search s WHERE \(scope)").first()?.decode(column: "n", as: Int.self) ?? 0
        guard total > 0 else { return nil }
        // Answers whose title holds every term first, then the newest.
        let contains = sql.dialect.name == "sqlite" ? "instr" : "strpos"
        let inTitle = query.foldedTerms.map { "\(unsafeRaw: contains)(s.title_folded, \(bind: $0)) > 0" as SQLQueryString }
        let titleAll = inTitle.dropFirst().reduce(inTitle[0]) { "\($0) AND \($1)" }
        let ids = try await sql.raw(
            """
            SELECT s.item_id AS id FROM feedback_search s WHERE \(scope)
            ORDER BY (CASE WHEN \(titleAll) THEN 1 ELSE 0 END) DESC, s.answered_at DESC, s.item_id
            LIMIT \(unsafeRaw: String(max(1, min(limit, 50))))
            """
        ).all().map { try $0.decode(column: "id", as: UUID.self) }
        let items = Dictionary(
            uniqueKeysWithValues: try await FeedbackItemRecord.query(on: db).filter(\.$id ~~ ids).all().compactMap { item in item.id.map { ($0, item) } })
        return SearchGroup(
            heading: "Hỏi đáp", total: total,
            hits: ids.compactMap { items[$0] }.map { item in
                SearchGroup.Hit(
                    href: mount.path(.feedbackAnswer(item.code.description)), title: item.title, text: item.answer,
                    meta: "\(item.topic) · trả lời ngày \(item.answeredAt.map { VietnameseDate.day($0) } ?? "")", terms: query.foldedTerms)
            },
            moreHref: mount.path(.feedbackAnswers))
    }
}
