import FluentKit
import Foundation
import LoaCore
import SQLKit

/// Keeps `search_documents` in step with articles and answers searches (docs/decisions/0006-search.md).
/// Both engines match on text folded by the same Swift function and rank with the same SQL expression:
/// all terms in the title first, then exact-diacritic matches, then the newest.
struct SearchIndex: Sendable {
    let db: any Database

    private var sql: any SQLDatabase { db.sql }
    private var isSQLite: Bool { sql.dialect.name == "sqlite" }

    /// Indexes a public article, or removes it from the index when it is not (draft, withdrawn…).
    func update(_ article: Article) async throws {
        let id = try article.requireID()
        try await sql.delete(from: "search_documents").where("article_id", .equal, id).run()
        guard let state = ArticleState(rawValue: article.status), [.published, .scheduled].contains(state),
            let published = article.publishedAt
        else { return }
        let document = SearchDocument(
            articleID: id, siteID: article.$site.id, categoryID: article.$category.id, publishedAt: published,
            expiresAt: article.expiresAt, title: article.title, summary: article.summary, body: article.body,
            tags: (article.$tags.value ?? []).map(\.name))
        try await sql.insert(into: "search_documents").model(document).run()
    }

    func remove(articleID: UUID) async throws {
        try await sql.delete(from: "search_documents").where("article_id", .equal, articleID).run()
    }

    struct Filters: Sendable {
        var siteIDs: [UUID]?
        var categoryID: UUID?
        var from: Date?
        var to: Date?
    }

    /// Article ids of one page of results in rank order, and the total number of matches.
    func search(_ query: SearchQuery, filters: Filters, now: Date, limit: Int, offset: Int) async throws -> (ids: [UUID], total: Int) {
        guard !query.isEmpty else { return ([], 0) }
        let match: SQLQueryString =
            isSQLite
            ? "d.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH \(bind: query.fts5Expression))"
            : "d.folded_tsv @@ to_tsquery('simple', \(bind: query.tsQueryExpression))"
        var conditions: [SQLQueryString] = [match, "d.published_at <= \(bind: now)", "(d.expires_at IS NULL OR d.expires_at > \(bind: now))"]
        if let sites = filters.siteIDs {
            guard !sites.isEmpty else { return ([], 0) }
            conditions.append("d.site_id IN (\(SQLList(sites.map { SQLBind($0) })))")
        }
        if let category = filters.categoryID { conditions.append("d.category_id = \(bind: category)") }
        if let from = filters.from { conditions.append("d.published_at >= \(bind: from)") }
        if let to = filters.to { conditions.append("d.published_at < \(bind: to)") }
        let whereClause = conditions.dropFirst().reduce(conditions[0]) { "\($0) AND \($1)" }

        let countRow = try await sql.raw("SELECT COUNT(*) AS n FROM search_documents d WHERE \(whereClause)").first()
        let total = try countRow?.decode(column: "n", as: Int.self) ?? 0
        guard total > offset else { return ([], total) }

        let rows = try await sql.raw(
            """
            SELECT d.article_id AS id FROM search_documents d WHERE \(whereClause)
            ORDER BY \(rank(query)) DESC, d.published_at DESC, d.article_id
            LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))
            """
        ).all()
        return (try rows.map { try $0.decode(column: "id", as: UUID.self) }, total)
    }

    /// Points: 2 when every term is in the title, 1 more when the query's diacritics match exactly.
    private func rank(_ query: SearchQuery) -> SQLQueryString {
        let contains = isSQLite ? "instr" : "strpos"
        let titleAll = query.foldedTerms.map { "\(unsafeRaw: contains)(d.title_folded, \(bind: $0)) > 0" as SQLQueryString }
        var score: SQLQueryString = "(CASE WHEN \(joined(titleAll)) THEN 2 ELSE 0 END)"
        if query.hasDiacritics, !query.exactTerms.isEmpty {
            let exactAll = query.exactTerms.map { "\(unsafeRaw: contains)(d.exact_text, \(bind: $0)) > 0" as SQLQueryString }
            score = "\(score) + (CASE WHEN \(joined(exactAll)) THEN 1 ELSE 0 END)"
        }
        return score
    }

    private func joined(_ parts: [SQLQueryString]) -> SQLQueryString {
        parts.dropFirst().reduce(parts[0]) { "\($0) AND \($1)" }
    }
}

/// A row of `search_documents`; snake_case names are the columns.
struct SearchDocument: Codable {
    var article_id: UUID
    var site_id: UUID
    var category_id: UUID?
    var published_at: Date
    var expires_at: Date?
    var title_folded: String
    var exact_text: String
    var folded: String

    /// The indexed forms of an article's text: the title folded (ranking), title and summary lowercased
    /// with their diacritics (exact-match ranking), and everything folded (matching).
    init(
        articleID: UUID, siteID: UUID, categoryID: UUID?, publishedAt: Date, expiresAt: Date?,
        title: String, summary: String, body: String, tags: [String]
    ) {
        article_id = articleID
        site_id = siteID
        category_id = categoryID
        published_at = publishedAt
        expires_at = expiresAt
        title_folded = VietnameseText.fold(title)
        exact_text = (title + " " + summary).lowercased()
        folded = VietnameseText.fold([title, summary, body, tags.joined(separator: " ")].joined(separator: " "))
    }
}
