import FluentKit
import SQLKit

/// Newsroom editing (issue #3): every save is a revision; `version` refuses edits made on a stale copy;
/// preview links let a leader read a draft without an account.
struct M011_CreateRevisions: AsyncMigration {
    var name: String { "011_create_revisions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("articles").field("version", .int, .required, .sql(.default(1))).update()
        try await database.schema("articles").field("created_by", .uuid).update()
        try await database.schema("articles").field("workflow_comment", .string, .required, .sql(.default(""))).update()
        try await database.schema("article_revisions")
            .id()
            .field("article_id", .uuid, .required, .references("articles", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("body", .string, .required)
            .field("author_name", .string, .required)
            .field("category_id", .uuid)
            .field("tags", .string, .required)
            .field("editor_id", .uuid)
            .field("editor_name", .string, .required)
            .field("note", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "article_id", "number")
            .create()
        try await database.schema("preview_tokens")
            .id()
            .field("article_id", .uuid, .required, .references("articles", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("created_by", .uuid)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("preview_tokens").delete()
        try await database.schema("article_revisions").delete()
        for column in ["workflow_comment", "created_by", "version"] {
            try await database.schema("articles").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
