import FluentKit
import SQLKit

/// What public forms use against bots without a third-party service (issue #12, reused by citizens'
/// feedback): events counted by rate limits, proof-of-work tokens already spent, and the server key
/// that signs the challenges every instance issues.
struct M047_CreateAbuseGuards: AsyncMigration {
    var name: String { "047_create_abuse_guards" }

    func prepare(on database: any Database) async throws {
        try await database.schema("rate_events")
            .id()
            .field("key", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await database.sql.raw("CREATE INDEX rate_events_key_at ON rate_events (key, at)").run()
        try await database.schema("proof_of_work_spent")
            .field("token", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token")
            .create()
        try await database.sql.raw("CREATE INDEX proof_of_work_spent_expiry ON proof_of_work_spent (expires_at)").run()
        try await database.schema("server_keys")
            .field("name", .string, .required)
            .field("value", .string, .required)
            .unique(on: "name")
            .create()
        // One key for every instance, made once: a challenge issued by one instance is checked by another.
        try await database.sql.insert(into: "server_keys").columns("name", "value")
            .values(SQLBind(ServerKeys.proofOfWork), SQLBind(Clients.live.randomToken(32))).run()
    }

    func revert(on database: any Database) async throws {
        for table in ["server_keys", "proof_of_work_spent", "rate_events"] { try await database.schema(table).delete() }
    }
}
