import FluentKit

/// What units did (issue #5): events (trainings, conferences, meetings, contests in person), manual
/// activity reports for channels Loa does not run, evaluation criteria and scores, inspection visits.
struct M019_CreateActivities: AsyncMigration {
    var name: String { "019_create_activities" }

    func prepare(on database: any Database) async throws {
        try await database.schema("events")
            .id()
            .field("unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("place", .string, .required)
            .field("audience", .string, .required)
            .field("planned_participants", .int, .required)
            .field("actual_participants", .int, .required)
            .field("minutes", .string, .required)
            .field("is_public", .bool, .required)
            .field("created_at", .datetime)
            .field("deleted_at", .datetime)
            .create()
        try await database.schema("activity_reports")
            .id()
            .field("plan_item_id", .uuid, .required, .references("plan_items", "id", onDelete: .restrict))
            .field("unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("quantity", .int, .required)
            .field("occurred_on", .datetime, .required)
            .field("description", .string, .required)
            .field("review", .string, .required)
            .field("review_comment", .string, .required)
            .field("confirmed_by", .uuid)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .field("deleted_at", .datetime)
            .create()
        try await database.schema("evaluation_criteria")
            .id()
            .field("code", .string, .required)
            .field("title", .string, .required)
            .field("max_points", .double, .required)
            .field("rule", .string, .required)
            .field("position", .int, .required)
            .unique(on: "code")
            .create()
        try await database.schema("evaluation_scores")
            .id()
            .field("criterion_id", .uuid, .required, .references("evaluation_criteria", "id", onDelete: .restrict))
            .field("unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("year", .int, .required)
            .field("points", .double, .required)
            .field("comment", .string, .required)
            .field("scored_by", .string, .required)
            .field("scored_at", .datetime, .required)
            .unique(on: "criterion_id", "unit_id", "year")
            .create()
        try await database.schema("inspections")
            .id()
            .field("unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("visited_on", .datetime, .required)
            .field("inspector_name", .string, .required)
            .field("findings", .string, .required)
            .field("follow_up", .string, .required)
            .field("follow_up_due", .datetime)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["inspections", "evaluation_scores", "evaluation_criteria", "activity_reports", "events"] {
            try await database.schema(table).delete()
        }
    }
}
