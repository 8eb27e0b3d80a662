import FluentKit
import SQLKit

/// Public consultation on drafts (issue #15): a draft of the document library opened for comments for
/// a period, split into its parts; comments per part, moderated and each given a decision; the summary
/// of how they were taken into account, published when the consultation closes.
struct M051_CreateConsultations: AsyncMigration {
    var name: String { "051_create_consultations" }

    func prepare(on database: any Database) async throws {
        try await database.schema("consultations")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id"))
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("document_id", .uuid, .references("documents", "id", onDelete: .setNull))
            .field("title", .string, .required)
            .field("opens_on", .string, .required)
            .field("closes_on", .string, .required)
            .field("summary", .string, .required)
            .field("closed_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("consultation_sections")
            .id()
            .field("consultation_id", .uuid, .required, .references("consultations", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("heading", .string, .required)
            .field("text", .string, .required)
            .unique(on: "consultation_id", "position")
            .create()
        try await database.schema("consultation_comments")
            .id()
            .field("consultation_id", .uuid, .required, .references("consultations", "id", onDelete: .cascade))
            .field("section_id", .uuid, .required, .references("consultation_sections", "id", onDelete: .cascade))
            .field("author_name", .string, .required)
            .field("contact", .string, .required)
            .field("content", .string, .required)
            .field("moderation", .string, .required)
            .field("decision", .string)
            .field("reason", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.sql.raw("CREATE INDEX consultation_comments_by_consultation ON consultation_comments (consultation_id, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("consultation_comments").delete()
        try await database.schema("consultation_sections").delete()
        try await database.schema("consultations").delete()
    }
}
