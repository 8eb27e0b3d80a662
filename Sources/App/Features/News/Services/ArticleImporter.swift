import FluentKit
import Foundation
import LoaCore
import SQLKit

/// `loa import articles`: JSONL from an old portal into articles, in batches (issue #3).
/// Idempotent on `external_id`: a re-run updates, never duplicates. Each batch is one transaction,
/// so a crash leaves whole batches, never half an article (its tags or search row missing). A batch the
/// database refuses is redone line by line, so only the refused lines are lost, each reported by number.
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
        /// The first line of each external_id in this file: a later line with the same id is refused,
        /// never left to overwrite the first silently.
        private var firstLines: [String: Int] = [:]

        fileprivate init(importer: ArticleImporter, state: ImportState) {
            self.importer = importer
            self.state = state
        }

        mutating func add(_ records: [ArticleImportRecord], defaultSite: String?) async throws {
            var accepted: [ArticleImportRecord] = []
            for record in records {
                if let first = firstLines[record.externalID] {
                    report.errors.append(
                        RecordError(line: record.line, message: "external_id \"\(record.externalID)\" is already on line \(first); line skipped"))
                } else {
                    firstLines[record.externalID] = record.line
                    accepted.append(record)
                }
            }
            for batch in accepted.chunked(importer.batchSize) {
                do {
                    try await commit(Array(batch), defaultSite: defaultSite)
                } catch {
                    // The batch rolled back whole; one line at a time, only the lines the database refuses are lost.
                    for record in batch {
                        do {
                            try await commit([record], defaultSite: defaultSite)
                        } catch {
                            report.errors.append(RecordError(line: record.line, message: "not saved: \(DatabaseFailure.describe(error))"))
                        }
                    }
                }
            }
        }

        /// One transaction; state and report change only when it commits.
        private mutating func commit(_ batch: [ArticleImportRecord], defaultSite: String?) async throws {
            let started = ContinuousClock.now
            defer { lockHeld += ContinuousClock.now - started }
            (state, report) = try await importer.db.writeTransaction { [state, report, importer] db in
                var state = state, report = report
                try await importer.importBatch(batch, defaultSite: defaultSite, state: &state, report: &report, on: db)
                return (state, report)
            }
            try await letOtherWritersIn()
        }

        /// Time spent holding SQLite's write lock since the last pause.
        private var lockHeld = Duration.zero

        /// SQLite's busy handler is not fair: a server write waiting for the lock retries at most every
        /// 100 ms and would keep missing the instant between two batches until its 5 s timeout. After
        /// each 3 s of holding the lock the import leaves it free for longer than that, costing under 5%.
        private mutating func letOtherWritersIn() async throws {
            guard lockHeld >= .seconds(3), (importer.db as? any SQLDatabase)?.dialect.name == "sqlite" else { return }
            lockHeld = .zero
            try await Task.sleep(for: .milliseconds(150))
        }

        mutating func recordError(_ error: RecordError) { report.errors.append(error) }
    }

    fileprivate func importBatch(
        _ batch: [ArticleImportRecord], defaultSite: String?, state: inout ImportState, report: inout Report, on db: any Database
    ) async throws {
        let sql = db.sql
        let existing = try await Article.query(on: db).filter(\.$externalID ~~ batch.map(\.externalID)).all()
        let byExternalID = Dictionary(existing.compactMap { article in article.externalID.map { ($0, article) } }, uniquingKeysWith: { a, _ in a })
        let oldTags = Dictionary(grouping: try await ArticleTag.query(on: db).filter(\.$article.$id ~~ existing.compactMap(\.id)).all()) { $0.$article.id }
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
                let id = try article.requireID()
                let tagNames = (oldTags[id] ?? []).map(\.name)
                try await reimport(record, into: article, categoryID: categoryID, oldTags: tagNames, on: db)
                touched.append(id)
                tags += Self.tagRows(record.tags, articleID: id)
                if let document = Self.searchDocument(of: article, tags: record.tags) { documents.append(document) }
                report.updated += 1
            } else {
                let id = UUID()
                let slug = state.allocateSlug(VietnameseText.slug(record.title), site: site.id)
                rows.append(
                    ArticleRow(
                        id: id, site_id: site.id, unit_id: site.unitID, category_id: categoryID, title: record.title, slug: slug,
                        summary: record.summary, body: record.body, author_name: record.author, published_at: record.publishedAt,
                        status: ArticleState.published.rawValue, external_id: record.externalID, source: "", created_at: now, updated_at: now))
                tags += Self.tagRows(record.tags, articleID: id)
                documents.append(
                    SearchDocument(
                        articleID: id, siteID: site.id, categoryID: categoryID, publishedAt: record.publishedAt, expiresAt: nil, title: record.title,
                        summary: record.summary, body: record.body, tags: record.tags))
                report.created += 1
            }
        }
        if !touched.isEmpty {
            try await sql.delete(from: "article_tags").where("article_id", .in, touched).run()
            // A re-imported article that is not public (withdrawn, draft…) stays out of search.
            try await sql.delete(from: "search_documents").where("article_id", .in, touched).run()
        }
        // Multi-row inserts in chunks that stay under both engines' bound-parameter limits.
        for chunk in rows.chunked(100) { try await sql.insert(into: "articles").models(Array(chunk)).run() }
        for chunk in tags.chunked(500) { try await sql.insert(into: "article_tags").models(Array(chunk)).run() }
        for chunk in documents.chunked(200) { try await sql.insert(into: "search_documents").models(Array(chunk)).run() }
        try await PageCache.bump(on: db)
    }

    /// The search row of an article that is public, by the same rule as `SearchIndex.update`.
    private static func searchDocument(of article: Article, tags: [String]) -> SearchDocument? {
        guard let state = ArticleState(rawValue: article.status), [.published, .scheduled].contains(state),
            let published = article.publishedAt, let id = article.id
        else { return nil }
        return SearchDocument(
            articleID: id, siteID: article.$site.id, categoryID: article.$category.id, publishedAt: published,
            expiresAt: article.expiresAt, title: article.title, summary: article.summary, body: article.body, tags: tags)
    }

    /// Tags as they are stored: those without a slug and repeats (by slug) dropped.
    static func distinctTags(_ tags: [String]) -> [(name: String, slug: String)] {
        var seen = Set<String>()
        return tags.compactMap { name in
            let slug = VietnameseText.slug(name)
            guard !slug.isEmpty, seen.insert(slug).inserted else { return nil }
            return (name, slug)
        }
    }

    private static func tagRows(_ tags: [String], articleID: UUID) -> [TagRow] {
        distinctTags(tags).map { TagRow(id: UUID(), article_id: articleID, name: $0.name, slug: $0.slug) }
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
