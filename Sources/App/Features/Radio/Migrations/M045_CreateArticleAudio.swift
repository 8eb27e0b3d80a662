import FluentKit

/// "Nghe bài viết" (issue #11): the spoken version of each published article, for the article's
/// version it was made from, so an edited article is read again and never with the old words.
struct M045_CreateArticleAudio: AsyncMigration {
    var name: String { "045_create_article_audio" }

    func prepare(on database: any Database) async throws {
        try await database.schema("article_audio")
            .id()
            .field("article_id", .uuid, .required, .references("articles", "id", onDelete: .cascade))
            .field("article_version", .int, .required)
            .field("status", .string, .required)
            .field("file", .string)
            .field("duration_seconds", .double)
            .field("message", .string)
            .field("updated_at", .datetime)
            .unique(on: "article_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("article_audio").delete()
    }
}
