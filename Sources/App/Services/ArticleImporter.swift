import FluentKit
import Foundation
import LoaCore
import SQLKit

/// `loa import articles`: JSONL from an old portal into articles, in batches (issue #3).
/// Idempotent on `external_id`: a re-run updates, never duplicates. Each batch is one transaction,
/// so a crash leaves whole batches, never half an article (its tags or search row missing).
struct ArticleImporter: Sendable {
    let db: any Database
    let clients: Clients
    var batchSize = 500

    struct Report: Sendable, Equatable {
        var created = 0
        var updated = 0
        var errors: [RecordError] = []
        var categoriesCreated = 0
    }

    /// Imports parsed records in batches; `defaultSite` overrides each record's `site`.
    /// Call again with more records on the same importer session to stream a large file.
    func run(_ records: [ArticleImportRecord], defaultSite: String?) async throws -> Report {
        var session = try await session()
        try await session.add(records, defaultSite: defaultSite)
        return session.report
    }

    func session() async throws -> Session {
        Session(importer: self, state: try await ImportState.load(db: db))
    }

    /// Sites, categories and taken slugs stay loaded between calls, so a file is streamed batch by batch.
    struct Session: Sendable {
        let importer: ArticleImporter
        fileprivate var state: ImportState
        private(set) var report = Report()

        mutating func add(_ records: [ArticleImportRecord], defaultSite: String?) async throws {
            for start in stride(from: 0, to: records.count, by: importer.batchSize) {
                let batch = Array(records[start..<min(start + importer.batchSize, records.count)])
                (state, report) = try await importer.db.transaction { [state, report, importer] db in
                    var state = state, report = report
                    try await importer.importBatch(batch, defaultSite: defaultSite, state: &state, report: &report, on: db)
                    return (state, report)
                }
            }
        }

        mutating func recordError(_ error: RecordError) { report.errors.append(error) }
    }

    fileprivate func importBatch(
        _ batch: [ArticleImportRecord], defaultSite: String?, state: inout ImportState, report: inout Report, on db: any Database
    ) async throws {
        let sql = db as! any SQLDatabase
        let existing = try await Article.query(on: db).filter(\.$externalID ~~ batch.map(\.externalID)).all()
        var byExternalID = Dictionary(existing.compactMap { article in article.externalID.map { ($0, article) } }, uniquingKeysWith: { a, _ in a })
        var rows: [ArticleRow] = []
        var tags: [TagRow] = []
        var documents: [SearchDocument] = []
        var touched: [UUID] = []
        let now = clients.now()

        for record in batch {
            let siteSlug = defaultSite ?? record.site
            guard let site = state.sites[siteSlug] else {
                report.errors.append(RecordError(line: record.line, message: "unknown site \"\(siteSlug)\""))
                continue
            }
            let categoryID = try await state.category(record.category, name: record.categoryName, site: site.id, on: db, report: &report)
            if let article = byExternalID[record.externalID] {
                // Re-import: update in place; the slug stays so published links keep working.
                article.title = record.title
                article.summary = record.summary
                article.body = record.body
                article.authorName = record.author
                article.publishedAt = record.publishedAt
                article.$category.id = categoryID
                try await article.save(on: db)
                let id = try article.requireID()
                touched.append(id)
                tags += Self.tagRows(record.tags, articleID: id)
                documents.append(SearchDocument(articleID: id, siteID: article.$site.id, categoryID: categoryID, publishedAt: record.publishedAt, expiresAt: nil, title: record.title, summary: record.summary, body: record.body, tags: record.tags))
                report.updated += 1
            } else {
                let id = UUID()
                let slug = state.allocateSlug(VietnameseText.slug(record.title), site: site.id)
                rows.append(ArticleRow(
                    id: id, site_id: site.id, unit_id: site.unitID, category_id: categoryID, title: record.title, slug: slug,
                    summary: record.summary, body: record.body, author_name: record.author, published_at: record.publishedAt,
                    status: ArticleState.published.rawValue, external_id: record.externalID, source: "", created_at: now, updated_at: now))
                tags += Self.tagRows(record.tags, articleID: id)
                documents.append(SearchDocument(articleID: id, siteID: site.id, categoryID: categoryID, publishedAt: record.publishedAt, expiresAt: nil, title: record.title, summary: record.summary, body: record.body, tags: record.tags))
                let placeholder = Article()
                placeholder.externalID = record.externalID
                byExternalID[record.externalID] = placeholder  // a duplicate external_id later in the file updates nothing twice
                report.created += 1
            }
        }
        if !touched.isEmpty {
            try await sql.delete(from: "article_tags").where("article_id", .in, touched).run()
        }
        try await sql.delete(from: "search_documents").where("article_id", .in, documents.map(\.article_id)).run()
        // Multi-row inserts in chunks that stay under both engines' bound-parameter limits.
        for chunk in rows.chunked(100) { try await sql.insert(into: "articles").models(Array(chunk)).run() }
        for chunk in tags.chunked(500) { try await sql.insert(into: "article_tags").models(Array(chunk)).run() }
        for chunk in documents.chunked(200) { try await sql.insert(into: "search_documents").models(Array(chunk)).run() }
        try await PageCache.bump(on: db)
    }

    private static func tagRows(_ tags: [String], articleID: UUID) -> [TagRow] {
        var seen = Set<String>()
        return tags.compactMap { name in
            let slug = VietnameseText.slug(name)
            guard !slug.isEmpty, seen.insert(slug).inserted else { return nil }
            return TagRow(id: UUID(), article_id: articleID, name: name, slug: slug)
        }
    }
}

/// Sites, categories and taken slugs, loaded once so a batch needs no look-ups per record.
private struct ImportState: Sendable {
    struct SiteRef: Sendable { var id: UUID; var unitID: UUID }
    var sites: [String: SiteRef]
    var categories: [String: UUID]  // "siteID/slug"
    var slugs: [UUID: Set<String>]

    static func load(db: any Database) async throws -> ImportState {
        let sites = try await Site.query(on: db).all()
        let categories = try await Category.query(on: db).all()
        var slugs: [UUID: Set<String>] = [:]
        for article in try await Article.query(on: db).field(\.$id).field(\.$site.$id).field(\.$slug).all() {
            slugs[article.$site.id, default: []].insert(article.slug)
        }
        for old in try await ArticleSlug.query(on: db).all() { slugs[old.$site.id, default: []].insert(old.slug) }
        return ImportState(
            sites: Dictionary(try sites.map { ($0.slug, SiteRef(id: try $0.requireID(), unitID: $0.$unit.id)) }, uniquingKeysWith: { a, _ in a }),
            categories: Dictionary(try categories.map { ("\($0.$site.id)/\($0.slug)", try $0.requireID()) }, uniquingKeysWith: { a, _ in a }),
            slugs: slugs)
    }

    mutating func category(_ slug: String, name: String, site: UUID, on db: any Database, report: inout ArticleImporter.Report) async throws -> UUID {
        if let id = categories["\(site)/\(slug)"] { return id }
        let position = categories.keys.filter { $0.hasPrefix("\(site)/") }.count
        let category = Category(siteID: site, slug: slug, name: name, position: position)
        try await category.create(on: db)
        let id = try category.requireID()
        categories["\(site)/\(slug)"] = id
        report.categoriesCreated += 1
        return id
    }

    mutating func allocateSlug(_ base: String, site: UUID) -> String {
        let stem = base.isEmpty ? "bai-viet" : base
        var candidate = stem
        var suffix = 2
        while slugs[site, default: []].contains(candidate) {
            candidate = "\(stem)-\(suffix)"
            suffix += 1
        }
        slugs[site, default: []].insert(candidate)
        return candidate
    }
}

private struct ArticleRow: Codable {
    var id: UUID
    var site_id: UUID
    var unit_id: UUID
    var category_id: UUID?
    var title, slug, summary, body, author_name: String
    var published_at: Date
    var status: String
    var external_id: String
    var source: String
    var created_at: Date
    var updated_at: Date
}

private struct TagRow: Codable {
    var id: UUID
    var article_id: UUID
    var name: String
    var slug: String
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
