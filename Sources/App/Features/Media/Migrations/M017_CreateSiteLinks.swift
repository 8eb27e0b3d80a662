import FluentKit

/// The "Liên kết" block of each site: links to other agencies' portals, written in the back office.
struct M017_CreateSiteLinks: AsyncMigration {
    var name: String { "017_create_site_links" }

    func prepare(on database: any Database) async throws {
        try await database.schema("site_links")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id", onDelete: .cascade))
            .field("label", .string, .required)
            .field("url", .string, .required)
            .field("position", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("site_links").delete()
    }
}
