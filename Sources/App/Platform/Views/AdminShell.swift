import Hummingbird
import LoaCore

/// The back-office frame: who is signed in, the menu they may use, the CSRF token for forms.
struct AdminShell: Sendable {
    var pageTitle: String
    var userName: String
    var userEmail: String
    var csrf: String
    var nav: [MenuItem]
    var notice: String?
    var signOutAction = AdminPage.signOut.link
    var signOutEverywhereAction = AdminPage.signOutEverywhere.link

    init(identity: Identity, title: String, current: AdminRoute, notice: String? = nil) {
        pageTitle = "\(title) | Quản trị Loa"
        userName = identity.name
        userEmail = identity.email
        csrf = identity.csrfToken
        self.notice = notice
        nav = adminMenu.filter { identity.canSomewhere($0.action) }.map { entry in
            MenuItem(label: entry.label, href: entry.page.link, current: entry.page.route == current)
        }
    }
}

/// Fixed notices shown after a redirect; the query carries a code, never the text itself.
enum AdminNotice: String {
    case saved = "da-luu"
    case uploaded = "da-tai-len"
    case passwordChanged = "doi-mat-khau"
    case signedOutEverywhere = "dang-xuat-het"
    case jobRequeued = "da-xep-lai"

    var message: String {
        switch self {
        case .saved: "Đã lưu thay đổi."
        case .uploaded: "Đã tải ảnh lên thư viện."
        case .passwordChanged: "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã được đăng xuất."
        case .signedOutEverywhere: "Đã đăng xuất khỏi mọi thiết bị."
        case .jobRequeued: "Đã đưa công việc trở lại hàng đợi."
        }
    }
}

extension AdminNotice {
    /// The notice a redirect asked for with `?tb=…`.
    static func message(in request: Request) -> String? {
        request.uri.queryParameters.get("tb").flatMap(AdminNotice.init(rawValue:))?.message
    }
}
