import FluentKit
import SQLKit

/// Files a citizen attached to a question or feedback (issue #15): a photo of the broken road, a scan of
/// the paper they were given. Seen in the back office only; a published answer never shows them.
struct M053_CreateFeedbackAttachments: AsyncMigration {
    var name: String { "053_create_feedback_attachments" }

    func prepare(on database: any Database) async throws {
        try await database.schema("feedback_attachments")
            .id()
            .field("item_id", .uuid, .required, .references("feedback_items", "id", onDelete: .restrict))
            .field("display_name", .string, .required)
            .field("stored_name", .string, .required)
            .field("media_type", .string, .required)
            .field("size", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.raw("CREATE INDEX feedback_attachments_by_item ON feedback_attachments (item_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("feedback_attachments").delete()
    }
}
