import FluentKit

/// The procedure catalogue (issue #4): one row per national code with every field of the national
/// record; missing values are NULL. The three small tables of a record (submission channels, dossier
/// components, legal basis) are JSON arrays in text columns: they are only ever read and written whole,
/// with their procedure (docs/decisions/0011-procedures.md). `search_text` is the folded code, name
/// and sector (VietnameseText.fold), matched the same way on both engines.
struct M020_CreateProcedures: AsyncMigration {
    var name: String { "020_create_procedures" }

    func prepare(on database: any Database) async throws {
        try await database.schema("procedures")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("decision", .string)
            .field("levels", .string, .required)
            .field("kind", .string)
            .field("sector", .string, .required)
            .field("sector_slug", .string, .required)
            .field("steps", .string)
            .field("method", .string)
            .field("applicants", .string)
            .field("processing_agency", .string)
            .field("competent_agency", .string)
            .field("coordinating_agency", .string)
            .field("receiving_address", .string)
            .field("result", .string)
            .field("requirements", .string)
            .field("channels", .string, .required)
            .field("components", .string, .required)
            .field("legal_basis", .string, .required)
            .field("search_text", .string, .required)
            .field("owner_unit_id", .uuid, .required, .references("units", "id"))
            .field("version", .int, .required)
            .field("retired_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await database.schema("procedure_revisions")
            .id()
            .field("procedure_id", .uuid, .required, .references("procedures", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("snapshot", .string, .required)
            .field("editor_name", .string, .required)
            .field("note", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "procedure_id", "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("procedure_revisions").delete()
        try await database.schema("procedures").delete()
    }
}
