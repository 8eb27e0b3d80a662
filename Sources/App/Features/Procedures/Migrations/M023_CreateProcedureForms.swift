import FluentKit

/// Form templates of a procedure (mẫu đơn, tờ khai) uploaded by the Office, so citizens can download
/// what the national record only names (issue #4). Stored like document files: generated names only.
struct M023_CreateProcedureForms: AsyncMigration {
    var name: String { "023_create_procedure_forms" }

    func prepare(on database: any Database) async throws {
        try await database.schema("procedure_forms")
            .id()
            .field("procedure_id", .uuid, .required, .references("procedures", "id", onDelete: .cascade))
            .field("display_name", .string, .required)
            .field("stored_name", .string, .required)
            .field("kind", .string, .required)
            .field("size", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "stored_name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("procedure_forms").delete()
    }
}
