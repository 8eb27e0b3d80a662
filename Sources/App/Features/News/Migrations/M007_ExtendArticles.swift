import FluentKit
import SQLKit

/// Newsroom fields on articles: category, workflow state, expiry, import id, source (issue #3).
/// Existing rows were published by the foundation, so `status` defaults to "published".
struct M007_ExtendArticles: AsyncMigration {
    var name: String { "007_extend_articles" }

    func prepare(on database: any Database) async throws {
        try await database.schema("articles")
            .field("category_id", .uuid, .references("categories", "id", onDelete: .restrict))
            .update()
        try await database.schema("articles")
            .field("status", .string, .required, .sql(.default("published")))
            .update()
        try await database.schema("articles")
            .field("expires_at", .datetime)
            .update()
        try await database.schema("articles")
            .field("external_id", .string)
            .update()
        try await database.schema("articles")
            .field("source", .string, .required, .sql(.default("")))
            .update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "articles_external_id").unique().on("articles").column("external_id").run()
        try await sql.create(index: "articles_category_published").on("articles").column("category_id").column("published_at").run()
        try await sql.create(index: "articles_status_published").on("articles").column("site_id").column("status").column("published_at").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "articles_status_published").run()
        try await sql.drop(index: "articles_category_published").run()
        try await sql.drop(index: "articles_external_id").run()
        for column in ["source", "external_id", "expires_at", "status", "category_id"] {
            try await database.schema("articles").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
