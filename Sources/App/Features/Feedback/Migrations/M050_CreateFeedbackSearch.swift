import FluentKit
import SQLKit

/// Published answers in the site's search box (issue #15), indexed like articles (M009, decision
/// 0006): text folded by `VietnameseText.fold` in `feedback_search`, matched by SQLite's FTS5 (kept in
/// step by triggers) or PostgreSQL's tsvector with a GIN index.
struct M050_CreateFeedbackSearch: AsyncMigration {
    var name: String { "050_create_feedback_search" }

    func prepare(on database: any Database) async throws {
        let sql = database.sql
        if sql.dialect.name == "sqlite" {
            try await sql.raw(
                """
                CREATE TABLE feedback_search (
                    item_id TEXT PRIMARY KEY NOT NULL REFERENCES feedback_items(id) ON DELETE CASCADE,
                    site_id TEXT NOT NULL, answered_at REAL NOT NULL, title_folded TEXT NOT NULL, folded TEXT NOT NULL)
                """
            ).run()
            try await sql.raw("CREATE VIRTUAL TABLE feedback_fts USING fts5(folded, content='feedback_search', content_rowid='rowid')").run()
            try await sql.raw(
                """
                CREATE TRIGGER feedback_search_ai AFTER INSERT ON feedback_search BEGIN
                  INSERT INTO feedback_fts(rowid, folded) VALUES (new.rowid, new.folded); END
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER feedback_search_ad AFTER DELETE ON feedback_search BEGIN
                  INSERT INTO feedback_fts(feedback_fts, rowid, folded) VALUES ('delete', old.rowid, old.folded); END
                """
            ).run()
        } else {
            try await sql.raw(
                """
                CREATE TABLE feedback_search (
                    item_id UUID PRIMARY KEY REFERENCES feedback_items(id) ON DELETE CASCADE,
                    site_id UUID NOT NULL, answered_at TIMESTAMPTZ NOT NULL, title_folded TEXT NOT NULL, folded TEXT NOT NULL,
                    folded_tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', folded)) STORED)
                """
            ).run()
            try await sql.raw("CREATE INDEX feedback_search_tsv ON feedback_search USING GIN (folded_tsv)").run()
        }
        try await sql.raw("CREATE INDEX feedback_search_site ON feedback_search (site_id, answered_at)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TABLE feedback_fts").run()
        }
        try await sql.raw("DROP TABLE feedback_search").run()
    }
}
