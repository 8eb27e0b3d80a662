import FluentKit

/// Which sites apply which procedures, and since when (issue #4). A publishing decision
/// (Quyết định công bố) of a site posts procedures; a later decision that posts the same procedure
/// on the same site replaces the earlier posting (`replaced_by_id`), so the set in force on any day
/// and what each decision changed can both be computed. Days are `yyyy-MM-dd` text: a decision is
/// dated by the calendar, not by an instant, and text compares the same on both engines.
struct M021_CreateProcedurePostings: AsyncMigration {
    var name: String { "021_create_procedure_postings" }

    func prepare(on database: any Database) async throws {
        try await database.schema("procedure_decisions")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id", onDelete: .cascade))
            .field("number", .string, .required)
            .field("decided_on", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "site_id", "number")
            .create()
        try await database.schema("procedure_postings")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id", onDelete: .cascade))
            .field("procedure_id", .uuid, .required, .references("procedures", "id", onDelete: .cascade))
            .field("decision_id", .uuid, .required, .references("procedure_decisions", "id", onDelete: .cascade))
            .field("replaced_by_id", .uuid, .references("procedure_decisions", "id", onDelete: .setNull))
            .unique(on: "decision_id", "procedure_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("procedure_postings").delete()
        try await database.schema("procedure_decisions").delete()
    }
}
