import FluentKit

/// Categories (chuyên mục) of a site's news, e.g. "Cải cách hành chính" (issue #3).
struct M006_CreateCategories: AsyncMigration {
    var name: String { "006_create_categories" }

    func prepare(on database: any Database) async throws {
        try await database.schema("categories")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id", onDelete: .restrict))
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("position", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "site_id", "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("categories").delete()
    }
}
