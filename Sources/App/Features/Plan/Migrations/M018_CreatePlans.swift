import FluentKit

/// Communication plans and their items (issue #5). Rows are soft-deleted: evidence already counted
/// against an item keeps pointing at it.
struct M018_CreatePlans: AsyncMigration {
    var name: String { "018_create_plans" }

    func prepare(on database: any Database) async throws {
        try await database.schema("plans")
            .id()
            .field("unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("title", .string, .required)
            .field("year", .int, .required)
            .field("period_start", .datetime, .required)
            .field("period_end", .datetime, .required)
            .field("document_reference", .string, .required)
            .field("document_id", .uuid)
            .field("is_public", .bool, .required)
            .field("copied_from", .uuid)
            .field("created_at", .datetime)
            .field("deleted_at", .datetime)
            .create()
        try await database.schema("plan_items")
            .id()
            .field("plan_id", .uuid, .required, .references("plans", "id", onDelete: .cascade))
            .field("content", .string, .required)
            .field("description", .string, .required)
            .field("channel", .string, .required)
            .field("indicator", .string, .required)
            .field("target", .int, .required)
            .field("responsible_unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("coordinating", .string, .required)
            .field("deadline", .datetime, .required)
            .field("position", .int, .required)
            .field("deleted_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("plan_items").delete()
        try await database.schema("plans").delete()
    }
}
