import FluentKit

/// Files attached to a unit's activity report (issue #5): photos of panels, scans of minutes, lists.
struct M024_CreateReportAttachments: AsyncMigration {
    var name: String { "024_create_report_attachments" }

    func prepare(on database: any Database) async throws {
        try await database.schema("report_attachments")
            .id()
            .field("report_id", .uuid, .required, .references("activity_reports", "id", onDelete: .restrict))
            .field("display_name", .string, .required)
            .field("stored_name", .string, .required)
            .field("media_type", .string, .required)
            .field("size", .int, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("report_attachments").delete()
    }
}
