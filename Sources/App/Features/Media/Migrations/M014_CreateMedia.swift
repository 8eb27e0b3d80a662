import FluentKit

/// The media library (issue #3): images uploaded once, reused across articles, with their renditions;
/// and an optional featured image per article (thumbnail in listings, OpenGraph image).
struct M014_CreateMedia: AsyncMigration {
    var name: String { "014_create_media" }

    func prepare(on database: any Database) async throws {
        try await database.schema("media")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id", onDelete: .restrict))
            .field("format", .string, .required)
            .field("width", .int, .required)
            .field("height", .int, .required)
            .field("bytes", .int, .required)
            .field("rendition_widths", .string, .required)
            .field("original_name", .string, .required)
            .field("alt", .string, .required)
            .field("caption", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .create()
        try await database.schema("articles")
            .field("featured_media_id", .uuid)
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("articles").deleteField("featured_media_id").update()
        try await database.schema("media").delete()
    }
}
