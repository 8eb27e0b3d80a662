import FluentKit

/// Leases for singleton work (issue #10): one row per named duty, held by one instance until
/// `expires_at`. Taken and renewed by compare-and-set, so two instances never both hold it.
struct M028_CreateLeases: AsyncMigration {
    var name: String { "028_create_leases" }

    func prepare(on database: any Database) async throws {
        try await database.schema("leases")
            .field("name", .string, .required)
            .field("holder", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("leases").delete()
    }
}
