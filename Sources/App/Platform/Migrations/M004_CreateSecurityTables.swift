import FluentKit
import SQLKit

struct M004_CreateSecurityTables: AsyncMigration {
    var name: String { "004_create_security_tables" }

    func prepare(on database: any Database) async throws {
        try await database.schema("user_sessions")
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("ip", .string, .required)
            .field("user_agent", .string, .required)
            .unique(on: "token_hash")
            .create()
        try await database.schema("login_attempts")
            .id()
            .field("email", .string, .required)
            .field("ip", .string, .required)
            .field("succeeded", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("audit_events")
            .id()
            .field("created_at", .datetime, .required)
            .field("kind", .string, .required)
            .field("actor_id", .uuid)
            .field("actor_email", .string, .required)
            .field("subject", .string, .required)
            .field("ip", .string, .required)
            .field("detail", .string, .required)
            .create()
        // The throttle and the audit page read these by time; without indexes both scan.
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "login_attempts_email_time").on("login_attempts").column("email").column("created_at").run()
        try await sql.create(index: "login_attempts_ip_time").on("login_attempts").column("ip").column("created_at").run()
        try await sql.create(index: "audit_events_time").on("audit_events").column("created_at").run()
        try await sql.create(index: "user_sessions_user").on("user_sessions").column("user_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_events").delete()
        try await database.schema("login_attempts").delete()
        try await database.schema("user_sessions").delete()
    }
}
