import FluentKit
import Foundation
import SQLKit

/// Full-text search over articles (issue #3; docs/decisions/0006-search.md). One row per public article in
/// `search_documents` holds its text folded by `VietnameseText.fold` (the same Swift function on both
/// engines), plus the lowercased original for ranking exact-diacritic matches first. Each engine indexes
/// the folded text with its own full-text index: SQLite an FTS5 table kept in step by triggers,
/// PostgreSQL a generated tsvector column with a GIN index.
struct M009_CreateSearchIndex: AsyncMigration {
    var name: String { "009_create_search_index" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw(
                """
                CREATE TABLE search_documents (
                    article_id TEXT PRIMARY KEY NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    site_id TEXT NOT NULL, category_id TEXT, published_at REAL NOT NULL, expires_at REAL,
                    title_folded TEXT NOT NULL, exact_text TEXT NOT NULL, folded TEXT NOT NULL)
                """
            ).run()
            try await sql.raw("CREATE VIRTUAL TABLE search_fts USING fts5(folded, content='search_documents', content_rowid='rowid')").run()
            try await sql.raw(
                """
                CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
                  INSERT INTO search_fts(rowid, folded) VALUES (new.rowid, new.folded); END
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
                  INSERT INTO search_fts(search_fts, rowid, folded) VALUES ('delete', old.rowid, old.folded); END
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN
                  INSERT INTO search_fts(search_fts, rowid, folded) VALUES ('delete', old.rowid, old.folded);
                  INSERT INTO search_fts(rowid, folded) VALUES (new.rowid, new.folded); END
                """
            ).run()
        } else {
            try await sql.raw(
                """
                CREATE TABLE search_documents (
                    article_id UUID PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                    site_id UUID NOT NULL, category_id UUID, published_at TIMESTAMPTZ NOT NULL, expires_at TIMESTAMPTZ,
                    title_folded TEXT NOT NULL, exact_text TEXT NOT NULL, folded TEXT NOT NULL,
                    folded_tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', folded)) STORED)
                """
            ).run()
            try await sql.raw("CREATE INDEX search_documents_tsv ON search_documents USING GIN (folded_tsv)").run()
        }
        try await sql.create(index: "search_documents_site_published").on("search_documents").column("site_id").column("published_at").run()
        // Articles written before this migration become searchable too. Plain rows, not the Article
        // model: a migration must not depend on columns that later migrations add. (SearchDocument is
        // the row of the table created just above; a later column on it needs a frozen row type here.)
        struct Row: Decodable {
            var id: UUID, site_id: UUID, title: String, summary: String, body: String
            var category_id: UUID?, status: String, published_at: Date?, expires_at: Date?
        }
        let rows = try await sql.raw(
            "SELECT id, site_id, category_id, title, summary, body, status, published_at, expires_at FROM articles"
        ).all(decoding: Row.self)
        for row in rows where ["published", "scheduled"].contains(row.status) {
            guard let published = row.published_at else { continue }
            try await sql.insert(into: "search_documents").model(
                SearchDocument(
                    articleID: row.id, siteID: row.site_id, categoryID: row.category_id, publishedAt: published,
                    expiresAt: row.expires_at, title: row.title, summary: row.summary, body: row.body, tags: [])
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TABLE search_fts").run()
        }
        try await sql.raw("DROP TABLE search_documents").run()
    }
}
