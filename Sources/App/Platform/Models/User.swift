import FluentKit
import Foundation

/// A back-office account. Belongs to one unit; what it may do comes from its role grants.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    /// Stored lowercased so look-ups and the uniqueness constraint ignore case.
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Parent(key: "unit_id") var unit: Unit
    @Field(key: "password_hash") var passwordHash: String
    /// Set for one-time passwords: the first sign-in must choose a new one.
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @OptionalField(key: "disabled_at") var disabledAt: Date?
    @OptionalField(key: "last_login_at") var lastLoginAt: Date?
    @Children(for: \.$user) var grants: [RoleAssignment]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, email: String, name: String, unitID: UUID, passwordHash: String, mustChangePassword: Bool) {
        self.id = id
        self.email = email.lowercased()
        self.name = name
        self.$unit.id = unitID
        self.passwordHash = passwordHash
        self.mustChangePassword = mustChangePassword
    }
}
