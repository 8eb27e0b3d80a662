import Foundation

/// What a user may do inside the unit (and its subtree) a role is granted on.
public enum Role: String, CaseIterable, Codable, Sendable {
    case administrator, approver, editor, contributor, inspector

    public var vietnameseName: String {
        switch self {
        case .administrator: "Quản trị hệ thống"
        case .approver: "Lãnh đạo duyệt tin"
        case .editor: "Biên tập viên"
        case .contributor: "Cộng tác viên"
        case .inspector: "Thanh tra, đánh giá (Nội vụ)"
        }
    }
}

/// A role held on one unit; it also covers every unit below that unit.
public struct RoleGrant: Hashable, Codable, Sendable {
    public var role: Role
    public var unitID: UUID

    public init(role: Role, unitID: UUID) {
        self.role = role
        self.unitID = unitID
    }
}
