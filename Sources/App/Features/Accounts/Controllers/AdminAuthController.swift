import Foundation
import Hummingbird
import LoaCore

/// Sign-in, sign-out and password change (issue #2).
struct AdminAuthController: Sendable {
    let auth: AuthService
    let renderer: PageRenderer
    let clients: Clients
    let usesHTTPS: Bool

    struct SignInPage: Sendable {
        var action = AdminPage.signIn.link
        var csrf: String
        var email: String
        var next: String
        var error: String?
        var notice: String?
    }

    struct ChangePasswordPage: Sendable {
        var shell: AdminShell
        var action = AdminPage.changePassword.link
        var forced: Bool
        var errors: [FieldProblem]
    }

    /// Routes that work without a session.
    func registerPublic(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.signIn.rawValue)) { request, context in try signInForm(request, context) }
        group.post(RouterPath(AdminRoute.signIn.rawValue)) { request, context in try await signIn(request, context) }
    }

    func registerSignedIn(on group: RouterGroup<AppRequestContext>) {
        group.post(RouterPath(AdminRoute.signOut.rawValue)) { _, context in try await signOut(context, everywhere: false) }
        group.post(RouterPath(AdminRoute.signOutEverywhere.rawValue)) { _, context in try await signOut(context, everywhere: true) }
        group.get(RouterPath(AdminRoute.changePassword.rawValue)) { request, context in
            let identity = try context.requireIdentity()
            let notice = AdminNotice.message(in: request)
            return try renderer.response(
                ChangePasswordPage(
                    shell: AdminShell(identity: identity, title: "Đổi mật khẩu", current: .changePassword, notice: notice),
                    forced: identity.mustChangePassword, errors: []),
                template: "admin/change-password")
        }
        group.post(RouterPath(AdminRoute.changePassword.rawValue)) { request, context in try await changePassword(request, context) }
    }

    private func signInForm(_ request: Request, _ context: AppRequestContext) throws -> Response {
        if context.identity != nil { return .redirect(to: AdminPage.dashboard.link, type: .normal) }
        let expired = context.sessionExpired || request.uri.queryParameters.get("het-han") == "1"
        let notice = expired ? "Phiên làm việc đã hết hạn do không hoạt động. Vui lòng đăng nhập lại." : nil
        let next = Self.safeNext(request.uri.queryParameters.get("tiep").map { String($0) })
        return try signInResponse(
            request, context,
            page: { csrf in
                SignInPage(csrf: csrf, email: "", next: next, error: nil, notice: notice)
            }, status: .ok)
    }

    private func signIn(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await FormFields.from(request, context: context)
        let email = String(form.text("email").prefix(254))
        let next = Self.safeNext(form["tiep"])
        let outcome = try await auth.signIn(
            email: email, password: form["password"] ?? "", ip: context.clientIP,
            userAgent: request.headers[.userAgent] ?? "")
        switch outcome {
        case .signedIn(let token, let identity):
            let destination = identity.mustChangePassword ? AdminPage.changePassword.link : next
            var response = Response.redirect(to: destination, type: .normal)
            response.setCookie(SessionMiddleware.cookie(token: token, secure: context.isHTTPS(configured: usesHTTPS)))
            return response
        case .rejected:
            return try signInResponse(
                request, context,
                page: { csrf in
                    SignInPage(csrf: csrf, email: email, next: next, error: "Email hoặc mật khẩu không đúng.")
                }, status: .unauthorized)
        case .throttled(let seconds):
            var response = try signInResponse(
                request, context,
                page: { csrf in
                    SignInPage(csrf: csrf, email: email, next: next, error: LoginThrottle.message(retryAfter: seconds))
                }, status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
    }

    /// Renders the sign-in form with the pre-session CSRF token, issuing the cookie when absent.
    private func signInResponse(
        _ request: Request, _ context: AppRequestContext, page: (String) -> SignInPage, status: HTTPResponse.Status
    ) throws -> Response {
        let existing = request.cookies[CSRFMiddleware.anonymousCookie]?.value
        let token = existing.flatMap { $0.isEmpty ? nil : $0 } ?? clients.randomToken(32)
        var response = try renderer.response(page(token), template: "admin/sign-in", status: status)
        if existing != token { response.setCookie(CSRFMiddleware.anonymousTokenCookie(token, secure: context.isHTTPS(configured: usesHTTPS))) }
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// Only back-office paths are followed after sign-in: no open redirect to another site.
    static func safeNext(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix(AdminRoute.base), !raw.contains("//"), !raw.contains("\\") else { return AdminPage.dashboard.link }
        return raw
    }

    private func signOut(_ context: AppRequestContext, everywhere: Bool) async throws -> Response {
        let identity = try context.requireIdentity()
        if everywhere {
            try await auth.signOutEverywhere(identity, ip: context.clientIP)
        } else {
            try await auth.signOut(identity, ip: context.clientIP)
        }
        var response = Response.redirect(to: AdminPage.signIn.link, type: .normal)
        response.setCookie(SessionMiddleware.clearingCookie(secure: context.isHTTPS(configured: usesHTTPS)))
        return response
    }

    private func changePassword(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try await FormFields.from(request, context: context)
        let result = try await auth.changePassword(
            identity, current: form["current"] ?? "", new: form["new"] ?? "", confirmation: form["confirmation"] ?? "",
            ip: context.clientIP)
        let problems: [FieldProblem]
        switch result {
        case .changed:
            return .redirect(to: AdminPage.changePassword.link + "?tb=" + AdminNotice.passwordChanged.rawValue, type: .normal)
        case .wrongCurrentPassword:
            problems = [FieldProblem(field: "current", message: "Mật khẩu hiện tại không đúng.")]
        case .rejected(let reasons):
            problems = reasons.map { FieldProblem(field: $0 == .mismatch ? "confirmation" : "new", message: $0.message) }
        }
        let page = ChangePasswordPage(
            shell: AdminShell(identity: identity, title: "Đổi mật khẩu", current: .changePassword),
            forced: identity.mustChangePassword, errors: problems)
        return try renderer.response(page, template: "admin/change-password", status: .unprocessableContent)
    }
}
