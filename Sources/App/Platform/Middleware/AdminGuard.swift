import Foundation
import Hummingbird
import LoaCore

/// Every back-office page but sign-in needs a signed-in account that may use the back office;
/// an account on a one-time password may only change it (or sign out) until it does.
struct AdminGuardMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let stash: FormStash
    let unitTrees: UnitTreeCache

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let identity = context.identity else {
            if request.method == .get {
                let query = context.sessionExpired ? "?het-han=1&tiep=" : "?tiep="
                let back = request.uri.path.addingPercentEncoding(withAllowedCharacters: .urlPathSegmentAllowed) ?? ""
                return .redirect(to: AdminPage.signIn.link + query + back, type: .normal)
            }
            let path = request.uri.path
            if let expired = context.expiredSession, FormStash.keeps(path: path) {
                // The CSRF middleware checked the form against the ended session: it is its owner's.
                let fields = try await FormFields.from(request, context: context)
                try await stash.keep(fields.all, path: path, for: expired.userID)
                let back = path.addingPercentEncoding(withAllowedCharacters: .urlPathSegmentAllowed) ?? ""
                return .redirect(to: AdminPage.signIn.link + "?het-han=1&tiep=" + back, type: .normal)
            }
            return .redirect(to: AdminPage.signIn.link + (context.sessionExpired ? "?het-han=1" : ""), type: .normal)
        }
        let path = request.uri.path
        let allowedWhileForced = [AdminPage.changePassword.link, AdminPage.signOut.link, AdminPage.signOutEverywhere.link]
        if identity.mustChangePassword, !allowedWhileForced.contains(path) {
            return .redirect(to: AdminPage.changePassword.link, type: .normal)
        }
        guard identity.canSomewhere(.accessBackOffice) else {
            throw AppError.forbidden("Tài khoản của bạn chưa được cấp vai trò nào trong hệ thống quản trị.")
        }
        var context = context
        context.unitTree = try await unitTrees.tree()
        return try await next(request, context)
    }
}

extension AppRequestContext {
    /// The signed-in identity; the guard middleware ensures there is one on back-office routes.
    func requireIdentity() throws -> Identity {
        guard let identity else { throw AppError.forbidden("Vui lòng đăng nhập.") }
        return identity
    }

    /// The unit tree of a signed-in request, set by the guard middleware from the cache.
    func units() throws -> UnitTree {
        guard let unitTree else { throw AppError.forbidden("Vui lòng đăng nhập.") }
        return unitTree
    }
}
