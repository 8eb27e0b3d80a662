import FluentKit
import Foundation
import LoaCore

/// A role held over a unit and its subtree.
final class RoleAssignment: Model, @unchecked Sendable {
    static let schema = "role_assignments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "role") var role: String
    @Parent(key: "unit_id") var unit: Unit
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, userID: UUID, role: Role, unitID: UUID) {
        self.id = id
        self.$user.id = userID
        self.role = role.rawValue
        self.$unit.id = unitID
    }

    var grant: RoleGrant? {
        guard let role = Role(rawValue: role) else { return nil }
        return RoleGrant(role: role, unitID: $unit.id)
    }
}
