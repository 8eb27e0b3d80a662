import FluentKit

struct M003_CreateUsers: AsyncMigration {
    var name: String { "003_create_users" }

    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("password_hash", .string, .required)
            .field("must_change_password", .bool, .required)
            .field("disabled_at", .datetime)
            .field("last_login_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "email")
            .create()
        try await database.schema("role_assignments")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("unit_id", .uuid, .required, .references("units", "id", onDelete: .restrict))
            .field("created_at", .datetime)
            .unique(on: "user_id", "role", "unit_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("role_assignments").delete()
        try await database.schema("users").delete()
    }
}
