import FluentKit
import Foundation

/// A security-relevant event (sign-ins, failures, role changes…), shown to administrators.
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "kind") var kind: String
    @OptionalField(key: "actor_id") var actorID: UUID?
    /// Kept as text: the event must stay readable after the account is gone.
    @Field(key: "actor_email") var actorEmail: String
    @Field(key: "subject") var subject: String
    @Field(key: "ip") var ip: String
    @Field(key: "detail") var detail: String

    init() {}

    init(kind: AuditKind, at date: Date, actorID: UUID?, actorEmail: String, subject: String, ip: String, detail: String = "") {
        self.kind = kind.rawValue
        self.createdAt = date
        self.actorID = actorID
        self.actorEmail = actorEmail
        self.subject = subject
        self.ip = ip
        self.detail = detail
    }
}

enum AuditKind: String, CaseIterable, Sendable {
    case loginSucceeded = "login_succeeded"
    case loginFailed = "login_failed"
    case loginBlocked = "login_blocked"
    case logout
    case logoutEverywhere = "logout_everywhere"
    case passwordChanged = "password_changed"
    case userCreated = "user_created"
    case userUpdated = "user_updated"
    case userDisabled = "user_disabled"
    case userEnabled = "user_enabled"
    case roleGranted = "role_granted"
    case roleRevoked = "role_revoked"
    case unitCreated = "unit_created"
    case unitUpdated = "unit_updated"
    case accessDenied = "access_denied"
    case jobRetried = "job_retried"
    // MARK: radio (issue #11)
    case radioStationCreated = "radio_station_created"
    case radioClusterAdded = "radio_cluster_added"
    case radioBulletinSaved = "radio_bulletin_saved"
    case radioBulletinApproved = "radio_bulletin_approved"
    case radioSlotAdded = "radio_slot_added"
    case radioEmergencyStarted = "radio_emergency_started"
    case radioEmergencyEnded = "radio_emergency_ended"
    // MARK: contests (issue #12)
    case contestPasswordReset = "contest_password_reset"
    // MARK: citizens' feedback (issue #15)
    case feedbackStep = "feedback_step"
    case feedbackEdited = "feedback_edited"
    case consultationOpened = "consultation_opened"
    case consultationCommentReviewed = "consultation_comment_reviewed"
    case consultationClosed = "consultation_closed"

    var vietnameseName: String {
        switch self {
        case .loginSucceeded: "Đăng nhập thành công"
        case .loginFailed: "Đăng nhập thất bại"
        case .loginBlocked: "Đăng nhập bị tạm khóa"
        case .logout: "Đăng xuất"
        case .logoutEverywhere: "Đăng xuất mọi nơi"
        case .passwordChanged: "Đổi mật khẩu"
        case .userCreated: "Tạo tài khoản"
        case .userUpdated: "Sửa tài khoản"
        case .userDisabled: "Khóa tài khoản"
        case .userEnabled: "Mở khóa tài khoản"
        case .roleGranted: "Cấp vai trò"
        case .roleRevoked: "Thu hồi vai trò"
        case .unitCreated: "Tạo đơn vị"
        case .unitUpdated: "Sửa đơn vị"
        case .accessDenied: "Truy cập bị từ chối"
        case .jobRetried: "Chạy lại công việc nền"
        // MARK: radio (issue #11)
        case .radioStationCreated: "Tạo đài truyền thanh"
        case .radioClusterAdded: "Thêm cụm loa"
        case .radioBulletinSaved: "Lưu bản tin phát thanh"
        case .radioBulletinApproved: "Duyệt bản tin phát thanh"
        case .radioSlotAdded: "Xếp lịch phát thanh"
        case .radioEmergencyStarted: "Phát tin khẩn cấp"
        case .radioEmergencyEnded: "Kết thúc tin khẩn cấp"
        case .contestPasswordReset: "Đặt lại mật khẩu người dự thi"
        case .feedbackStep: "Xử lý câu hỏi, phản ánh"
        case .feedbackEdited: "Biên tập nội dung câu hỏi, phản ánh"
        case .consultationOpened: "Mở lấy ý kiến dự thảo"
        case .consultationCommentReviewed: "Duyệt, quyết định tiếp thu góp ý dự thảo"
        case .consultationClosed: "Kết thúc lấy ý kiến, công bố tổng hợp"
        }
    }
}
