import FluentKit

/// The document library (văn bản, issue #4): one row per document of a site with its metadata, its
/// attached files (stored under generated names; the uploaded name is only shown), and its relations to
/// other documents (replaces, amends), articles and procedures. Days are `yyyy-MM-dd` text (see M021);
/// `search_text` is the folded number, summary, issuing body, sector and the PDF text layer.
struct M022_CreateDocuments: AsyncMigration {
    var name: String { "022_create_documents" }

    func prepare(on database: any Database) async throws {
        try await database.schema("documents")
            .id()
            .field("site_id", .uuid, .required, .references("sites", "id", onDelete: .cascade))
            .field("slug", .string, .required)
            .field("form", .string, .required)
            .field("number", .string, .required)
            .field("issuing_body", .string, .required)
            .field("signer", .string)
            .field("issued_on", .string, .required)
            .field("effective_on", .string)
            .field("expires_on", .string)
            .field("summary", .string, .required)
            .field("sector", .string)
            .field("is_legal", .bool, .required)
            .field("posted_on", .string, .required)
            .field("search_text", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "site_id", "slug")
            .create()
        try await database.schema("document_files")
            .id()
            .field("document_id", .uuid, .required, .references("documents", "id", onDelete: .cascade))
            .field("display_name", .string, .required)
            .field("stored_name", .string, .required)
            .field("kind", .string, .required)
            .field("size", .int, .required)
            .field("text", .string)
            .field("created_at", .datetime)
            .unique(on: "stored_name")
            .create()
        try await database.schema("document_links")
            .id()
            .field("document_id", .uuid, .required, .references("documents", "id", onDelete: .cascade))
            .field("relation", .string, .required)
            .field("target_document_id", .uuid, .references("documents", "id", onDelete: .cascade))
            .field("target_article_id", .uuid, .references("articles", "id", onDelete: .cascade))
            .field("target_procedure_id", .uuid, .references("procedures", "id", onDelete: .cascade))
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("document_links").delete()
        try await database.schema("document_files").delete()
        try await database.schema("documents").delete()
    }
}
