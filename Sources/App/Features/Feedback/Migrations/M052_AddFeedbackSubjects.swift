import FluentKit
import SQLKit

/// What a question is about (issue #15): a procedure of the catalogue (by code) or a document of the
/// site's library (by slug), with its title as it stood when the question was sent.
struct M052_AddFeedbackSubjects: AsyncMigration {
    var name: String { "052_add_feedback_subjects" }

    func prepare(on database: any Database) async throws {
        for column in ["subject_kind", "subject_ref", "subject_title"] {
            try await database.schema("feedback_items").field(FieldKey(stringLiteral: column), .string, .required, .sql(.default(""))).update()
        }
    }

    func revert(on database: any Database) async throws {
        for column in ["subject_kind", "subject_ref", "subject_title"] {
            try await database.schema("feedback_items").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
