import FluentKit

/// Static pages of a site (Cơ cấu tổ chức, Chức năng nhiệm vụ…), optionally in its main menu (issue #3).
struct M013_CreatePages: AsyncMigration {
    var name: String { "013_create_pages" }

    func prepare(on database: any Database) async throws {
        try await database.schema("pages")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id", onDelete: .cascade))
            .field("slug", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("in_menu", .bool, .required)
            .field("position", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "site_id", "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("pages").delete()
    }
}
