import Foundation

/// Something a user tries to do in the back office.
public enum Action: String, CaseIterable, Sendable {
    case accessBackOffice, readContent, writeDraft, editOthersContent, submitForReview, publish,
        manageUsers, manageUnits, manageSites, viewAuditLog, viewSystem, evaluate,
        /// Communication plans (issue #5): adopt and change a unit's plan, report its activities, confirm them.
        managePlans, reportActivity, confirmReport
}

/// The role × action matrix and the rule that grants flow down the unit tree.
public enum PermissionPolicy {
    /// Actions a role allows inside its scope.
    public static func actions(for role: Role) -> Set<Action> {
        switch role {
        case .administrator:
            Set(Action.allCases)
        case .approver:
            [
                .accessBackOffice, .readContent, .writeDraft, .editOthersContent, .submitForReview, .publish,
                .managePlans, .reportActivity, .confirmReport,
            ]
        case .editor:
            [.accessBackOffice, .readContent, .writeDraft, .editOthersContent, .submitForReview, .reportActivity]
        case .contributor:
            // Contributors propose drafts; someone else edits and publishes them.
            [.accessBackOffice, .readContent, .writeDraft, .submitForReview]
        case .inspector:
            // Inspectors of the Home Affairs office read and score, they never write.
            [.accessBackOffice, .readContent, .evaluate]
        }
    }

    /// `targetAncestry` is the target unit's id followed by its ancestors' ids up to the root.
    /// A grant applies when its unitID is in targetAncestry (the grant's unit or its subtree).
    /// Allowed if any applying grant's role allows the action.
    public static func isAllowed(_ action: Action, grants: [RoleGrant], targetAncestry: [UUID]) -> Bool {
        let scope = Set(targetAncestry)
        return grants.contains { grant in
            scope.contains(grant.unitID) && actions(for: grant.role).contains(action)
        }
    }

    /// True if any grant (anywhere) allows the action — used to show menu entries.
    public static func isAllowedSomewhere(_ action: Action, grants: [RoleGrant]) -> Bool {
        grants.contains { actions(for: $0.role).contains(action) }
    }
}
