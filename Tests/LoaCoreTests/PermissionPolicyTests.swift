import Foundation
import LoaCore
import Testing

/// A small tree: province ⊃ {district, siblingDistrict}, district ⊃ commune.
/// Grants in the table are made on `district`.
private enum Tree {
    static let province = UUID()
    static let district = UUID()
    static let siblingDistrict = UUID()
    static let commune = UUID()

    static func ancestry(of target: Target) -> [UUID] {
        switch target {
        case .ownUnit: [district, province]
        case .descendantUnit: [commune, district, province]
        case .parentUnit: [province]
        case .siblingUnit: [siblingDistrict, province]
        }
    }
}

enum Target: String, CaseIterable, Sendable {
    case ownUnit, descendantUnit, parentUnit, siblingUnit
}

/// Expected matrix, one row per action, columns:
///                  administrator, approver, editor, contributor, inspector
private let expectedInScope: [Action: [Bool]] = [
    .accessBackOffice: [true, true, true, true, true],
    .readContent: [true, true, true, true, true],
    .writeDraft: [true, true, true, true, false],
    .editOthersContent: [true, true, true, false, false],
    .submitForReview: [true, true, true, true, false],
    .publish: [true, true, false, false, false],
    .manageUsers: [true, false, false, false, false],
    .manageUnits: [true, false, false, false, false],
    .manageSites: [true, false, false, false, false],
    .viewAuditLog: [true, false, false, false, false],
    .viewSystem: [true, false, false, false, false],
    .evaluate: [true, false, false, false, true],
    .managePlans: [true, true, false, false, false],
    .reportActivity: [true, true, true, false, false],
    .confirmReport: [true, true, false, false, false],
]
private let matrixColumns: [Role] = [.administrator, .approver, .editor, .contributor, .inspector]

/// A grant reaches its own unit and the units below it, never above or beside.
private let grantReaches: [Target: Bool] = [
    .ownUnit: true, .descendantUnit: true, .parentUnit: false, .siblingUnit: false,
]

struct PermissionCase: Sendable, CustomTestStringConvertible {
    let role: Role
    let action: Action
    let target: Target
    let expected: Bool
    var testDescription: String { "\(role) \(action) on \(target) → \(expected)" }
}

private let permissionCases: [PermissionCase] = matrixColumns.enumerated().flatMap { column, role in
    Action.allCases.flatMap { action in
        Target.allCases.map { target in
            PermissionCase(
                role: role, action: action, target: target,
                expected: grantReaches[target]! && expectedInScope[action]![column])
        }
    }
}

@Suite struct PermissionPolicyTests {
    @Test func tableCoversEveryRoleActionAndTarget() {
        #expect(Set(matrixColumns) == Set(Role.allCases))
        #expect(Set(expectedInScope.keys) == Set(Action.allCases))
        #expect(permissionCases.count == Role.allCases.count * Action.allCases.count * 4)
    }

    @Test(arguments: permissionCases)
    func matrix(_ testCase: PermissionCase) {
        let grants = [RoleGrant(role: testCase.role, unitID: Tree.district)]
        let allowed = PermissionPolicy.isAllowed(
            testCase.action, grants: grants, targetAncestry: Tree.ancestry(of: testCase.target))
        #expect(allowed == testCase.expected)
    }

    @Test func noGrantsAllowNothing() {
        for action in Action.allCases {
            #expect(!PermissionPolicy.isAllowed(action, grants: [], targetAncestry: Tree.ancestry(of: .ownUnit)))
            #expect(!PermissionPolicy.isAllowedSomewhere(action, grants: []))
        }
    }

    @Test func twoGrantsCombine() {
        // Contributor for the whole province plus approver for one commune.
        let grants = [
            RoleGrant(role: .contributor, unitID: Tree.province),
            RoleGrant(role: .approver, unitID: Tree.commune),
        ]
        let commune = Tree.ancestry(of: .descendantUnit)
        let sibling = Tree.ancestry(of: .siblingUnit)
        #expect(PermissionPolicy.isAllowed(.publish, grants: grants, targetAncestry: commune))
        #expect(PermissionPolicy.isAllowed(.writeDraft, grants: grants, targetAncestry: sibling))
        #expect(!PermissionPolicy.isAllowed(.publish, grants: grants, targetAncestry: sibling))
        #expect(!PermissionPolicy.isAllowed(.editOthersContent, grants: grants, targetAncestry: sibling))
    }

    @Test func communeApproverCannotPublishOnDistrict() {
        let grants = [RoleGrant(role: .approver, unitID: Tree.commune)]
        #expect(!PermissionPolicy.isAllowed(.publish, grants: grants, targetAncestry: Tree.ancestry(of: .ownUnit)))
        #expect(PermissionPolicy.isAllowed(.publish, grants: grants, targetAncestry: Tree.ancestry(of: .descendantUnit)))
    }

    @Test func allowedSomewhereIgnoresScope() {
        let grants = [RoleGrant(role: .inspector, unitID: Tree.commune)]
        #expect(PermissionPolicy.isAllowedSomewhere(.evaluate, grants: grants))
        #expect(!PermissionPolicy.isAllowedSomewhere(.writeDraft, grants: grants))
        #expect(PermissionPolicy.isAllowedSomewhere(.manageUsers, grants: [RoleGrant(role: .administrator, unitID: UUID())]))
    }

    @Test func vietnameseRoleNames() {
        #expect(Role.administrator.vietnameseName == "Quản trị hệ thống")
        #expect(Role.approver.vietnameseName == "Lãnh đạo duyệt tin")
        #expect(Role.editor.vietnameseName == "Biên tập viên")
        #expect(Role.contributor.vietnameseName == "Cộng tác viên")
        #expect(Role.inspector.vietnameseName == "Thanh tra, đánh giá (Nội vụ)")
    }
}
