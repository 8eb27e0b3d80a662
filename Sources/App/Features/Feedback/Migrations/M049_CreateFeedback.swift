import FluentKit
import SQLKit

/// Citizens' questions and feedback (issue #15): the items with their sender's details, state,
/// deadlines (working days, stored as ISO days so "overdue" is one comparison on both engines) and
/// answer; every step taken on them; and the per-year counter behind their tracking codes.
struct M049_CreateFeedback: AsyncMigration {
    var name: String { "049_create_feedback" }

    func prepare(on database: any Database) async throws {
        try await database.schema("feedback_items")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id"))
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("year", .int, .required)
            .field("number", .int, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("content", .string, .required)
            // What the sender wrote, kept when a moderator edits the text (null until then).
            .field("original_title", .string)
            .field("original_content", .string)
            .field("sender_name", .string, .required)
            .field("sender_phone", .string)
            .field("sender_email", .string)
            .field("sender_address", .string, .required)
            .field("consented_at", .datetime, .required)
            .field("state", .string, .required)
            .field("refusal_reason", .string, .required)
            .field("received_at", .datetime, .required)
            .field("decide_by", .string, .required)
            .field("answer_by", .string, .required)
            .field("answer_draft", .string, .required)
            .field("answer", .string, .required)
            .field("answered_at", .datetime)
            .field("answered_by", .string, .required)
            .field("topic", .string, .required)
            .field("published", .bool, .required)
            .field("version", .int, .required)
            .unique(on: "year", "number")
            .create()
        try await database.schema("feedback_events")
            .id()
            .field("item_id", .uuid, .required, .references("feedback_items", "id", onDelete: .cascade))
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("step", .string, .required)
            .field("from_state", .string, .required)
            .field("to_state", .string, .required)
            .field("note", .string, .required)
            .create()
        let sql = database.sql
        try await sql.raw("CREATE INDEX feedback_items_unit_state ON feedback_items (unit_id, state)").run()
        try await sql.raw("CREATE INDEX feedback_items_site_published ON feedback_items (site_id, published, answered_at)").run()
        try await sql.raw("CREATE INDEX feedback_events_item ON feedback_events (item_id, at)").run()
        try await sql.raw("CREATE TABLE feedback_counters (year INTEGER PRIMARY KEY, last INTEGER NOT NULL)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql.raw("DROP TABLE feedback_counters").run()
        try await database.schema("feedback_events").delete()
        try await database.schema("feedback_items").delete()
    }
}
