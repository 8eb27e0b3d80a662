import Foundation
import LoaCore

/// Who is signed in on this request, with the grants the permission policy needs.
struct Identity: Sendable {
    var userID: UUID
    var email: String
    var name: String
    var unitID: UUID
    var mustChangePassword: Bool
    var sessionID: UUID
    var csrfToken: String
    var grants: [RoleGrant]

    var actor: (id: UUID?, email: String) { (userID, email) }

    func can(_ action: Action, in tree: UnitTree, unit: UUID) -> Bool {
        PermissionPolicy.isAllowed(action, grants: grants, targetAncestry: tree.ancestry(of: unit))
    }

    func canSomewhere(_ action: Action) -> Bool {
        PermissionPolicy.isAllowedSomewhere(action, grants: grants)
    }
}
