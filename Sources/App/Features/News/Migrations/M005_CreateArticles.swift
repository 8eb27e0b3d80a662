import FluentKit
import SQLKit

struct M005_CreateArticles: AsyncMigration {
    var name: String { "005_create_articles" }

    func prepare(on database: any Database) async throws {
        try await database.schema("articles")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id", onDelete: .restrict))
            .field("unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("title", .string, .required)
            .field("slug", .string, .required)
            .field("summary", .string, .required)
            .field("body", .string, .required)
            .field("author_name", .string, .required)
            .field("published_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "site_id", "slug")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "articles_site_published").on("articles").column("site_id").column("published_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("articles").delete()
    }
}
