import FluentKit

struct M002_CreateSites: AsyncMigration {
    var name: String { "002_create_sites" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sites")
            .id()
            .field("unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("host", .string)
            .field("is_primary", .bool, .required)
            .field("introduction", .string, .required)
            .field("owner_agency", .string, .required)
            .field("responsible_person", .string, .required)
            .field("address", .string, .required)
            .field("phone", .string, .required)
            .field("email", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "slug")
            .unique(on: "host")
            .unique(on: "unit_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sites").delete()
    }
}
