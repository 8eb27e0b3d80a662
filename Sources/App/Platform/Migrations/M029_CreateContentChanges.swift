import FluentKit

/// Which site each content version changed (issue #10): an instance that learns of new versions reads
/// these rows and drops only the changed sites' cached pages; a version without a site (units, sites,
/// procedures, documents…) drops every page. Old rows are pruned as new ones come.
struct M029_CreateContentChanges: AsyncMigration {
    var name: String { "029_create_content_changes" }

    func prepare(on database: any Database) async throws {
        try await database.schema("content_changes")
            .field("version", .int64, .identifier(auto: false))
            .field("site_id", .uuid)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("content_changes").delete()
    }
}
