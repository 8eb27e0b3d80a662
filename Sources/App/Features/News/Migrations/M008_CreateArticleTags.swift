import FluentKit
import SQLKit

/// Tags of articles and the slugs an article had before (old URLs redirect), issue #3.
struct M008_CreateArticleTagsAndSlugs: AsyncMigration {
    var name: String { "008_create_article_tags_and_slugs" }

    func prepare(on database: any Database) async throws {
        try await database.schema("article_tags")
            .id()
            .field("article_id", .uuid, .required, .references("articles", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("slug", .string, .required)
            .unique(on: "article_id", "slug")
            .create()
        try await database.schema("article_slugs")
            .id()
            .field("article_id", .uuid, .required, .references("articles", "id", onDelete: .cascade))
            .field("site_id", .uuid, .required, .references("sites", "id", onDelete: .cascade))
            .field("slug", .string, .required)
            .unique(on: "site_id", "slug")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "article_tags_slug").on("article_tags").column("slug").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("article_slugs").delete()
        try await database.schema("article_tags").delete()
    }
}
