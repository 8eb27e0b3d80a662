import FluentKit

/// An edit of a public article by someone who may not publish waits as a revision until an approver
/// publishes it (issue #8); the featured image travels with such a revision.
struct M026_AddPendingRevisions: AsyncMigration {
    var name: String { "026_add_pending_revisions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("articles").field("pending_revision_id", .uuid).update()
        try await database.schema("article_revisions").field("featured_media_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("article_revisions").deleteField("featured_media_id").update()
        try await database.schema("articles").deleteField("pending_revision_id").update()
    }
}
