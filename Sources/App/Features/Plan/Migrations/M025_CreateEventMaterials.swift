import FluentKit

/// An event's photos (from the media library) and materials (documents of the library) (issue #5).
struct M025_CreateEventMaterials: AsyncMigration {
    var name: String { "025_create_event_materials" }

    func prepare(on database: any Database) async throws {
        try await database.schema("event_materials")
            .id()
            .field("event_id", .uuid, .required, .references("events", "id", onDelete: .cascade))
            .field("media_id", .uuid, .references("media", "id", onDelete: .restrict))
            .field("document_id", .uuid, .references("documents", "id", onDelete: .restrict))
            .field("position", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("event_materials").delete()
    }
}
