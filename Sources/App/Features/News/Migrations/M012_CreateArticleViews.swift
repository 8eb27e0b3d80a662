import FluentKit

/// Visit statistics (issue #3): views of each article per day, in Vietnam's calendar.
struct M012_CreateArticleViews: AsyncMigration {
    var name: String { "012_create_article_views" }

    func prepare(on database: any Database) async throws {
        try await database.schema("article_views")
            .id()
            .field("article_id", .uuid, .required, .references("articles", "id", onDelete: .cascade))
            .field("site_id", .uuid, .required, .references("sites", "id", onDelete: .cascade))
            .field("day", .string, .required)
            .field("views", .int64, .required)
            .unique(on: "article_id", "day")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("article_views").delete()
    }
}
