import FluentKit

/// The home page's featured slideshow per site (issue #3): an image of the library, a caption, a link.
struct M015_CreateSlides: AsyncMigration {
    var name: String { "015_create_slides" }

    func prepare(on database: any Database) async throws {
        try await database.schema("slides")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id", onDelete: .cascade))
            .field("media_id", .uuid, .required, .references("media", "id", onDelete: .restrict))
            .field("caption", .string, .required)
            .field("link", .string, .required)
            .field("position", .int, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("slides").delete()
    }
}
