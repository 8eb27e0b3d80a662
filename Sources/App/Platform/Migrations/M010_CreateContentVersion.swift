import FluentKit
import SQLKit

/// One counter every content change increments, so each server instance (and a CLI import in another
/// process) can tell its cached public pages are stale (issue #3; docs/decisions/0007-page-cache.md).
struct M010_CreateContentVersion: AsyncMigration {
    var name: String { "010_create_content_version" }

    func prepare(on database: any Database) async throws {
        try await database.schema("content_version")
            .field("id", .int, .identifier(auto: false))
            .field("version", .int64, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("INSERT INTO content_version (id, version) VALUES (1, 1)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("content_version").delete()
    }
}
