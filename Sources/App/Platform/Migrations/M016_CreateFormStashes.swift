import FluentKit

/// Text posted from the newsroom editor after the session ended, kept for its author until they sign
/// in again (issue #3: an expired session never loses the text being edited).
struct M016_CreateFormStashes: AsyncMigration {
    var name: String { "016_create_form_stashes" }

    func prepare(on database: any Database) async throws {
        try await database.schema("form_stashes")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("path", .string, .required)
            .field("fields", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("form_stashes").delete()
    }
}
