import FluentKit
import Foundation
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

@Suite struct SignInFlowTests {
    static let newPassword = "Tan-Phu-Dong-2026!"

    /// Signs the first administrator in and replaces the one-time password; returns the browser.
    static func signInAsAdmin(_ app: TestApp, _ client: any TestClientProtocol) async throws -> Browser {
        let browser = Browser(client)
        let form = try await browser.get("/quan-tri/dang-nhap")
        let first = try #require(app.firstStart)
        let signIn = try await browser.post(
            "/quan-tri/dang-nhap", ["email": first.adminEmail, "password": first.oneTimePassword], csrf: Browser.csrf(in: form.text))
        #expect(signIn.headers[.location] == "/quan-tri/doi-mat-khau")
        let page = try await browser.get("/quan-tri/doi-mat-khau")
        let changed = try await browser.post(
            "/quan-tri/doi-mat-khau",
            ["current": first.oneTimePassword, "new": newPassword, "confirmation": newPassword], csrf: Browser.csrf(in: page.text))
        #expect(changed.status == .seeOther)
        return browser
    }

    @Test(arguments: TestDatabase.engines)
    func firstSignInMustChangeTheOneTimePassword(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let browser = Browser(client)
            let form = try await browser.get("/quan-tri/dang-nhap")
            #expect(form.status == .ok)
            let preSessionCookie = try #require(form.headers[values: .setCookie].first { $0.hasPrefix("loa_csrf=") })
            #expect(preSessionCookie.contains("HttpOnly") && preSessionCookie.contains("SameSite=Strict"))

            let first = try #require(app.firstStart)
            let signIn = try await browser.post(
                "/quan-tri/dang-nhap", ["email": first.adminEmail.uppercased(), "password": first.oneTimePassword],
                csrf: Browser.csrf(in: form.text))
            #expect(signIn.status == .seeOther)
            let sessionCookie = try #require(signIn.headers[values: .setCookie].first { $0.hasPrefix("loa_session=") })
            #expect(sessionCookie.contains("HttpOnly") && sessionCookie.contains("SameSite=Lax") && sessionCookie.contains("Path=/"))

            // Until the password is changed, every back-office page leads to the change form.
            let dashboard = try await browser.get("/quan-tri/nguoi-dung")
            #expect(dashboard.headers[.location] == "/quan-tri/doi-mat-khau")

            let page = try await browser.get("/quan-tri/doi-mat-khau")
            #expect(page.text.contains("mật khẩu một lần"))
            let weak = try await browser.post(
                "/quan-tri/doi-mat-khau", ["current": first.oneTimePassword, "new": "short", "confirmation": "short"],
                csrf: Browser.csrf(in: page.text))
            #expect(weak.status == .unprocessableContent)
            #expect(weak.text.contains("Mật khẩu phải có ít nhất 10 ký tự."))

            let changed = try await browser.post(
                "/quan-tri/doi-mat-khau", ["current": first.oneTimePassword, "new": Self.newPassword, "confirmation": Self.newPassword],
                csrf: Browser.csrf(in: page.text))
            #expect(changed.status == .seeOther)
            let home = try await browser.get("/quan-tri")
            #expect(home.status == .ok)
            #expect(home.text.contains("Bảng điều khiển"))
            #expect(home.headers[.cacheControl] == "no-store")
            let user = try await User.query(on: app.db).filter(\.$email == first.adminEmail).first()
            #expect(user?.mustChangePassword == false)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func wrongPasswordAndUnknownAccountGetTheSameAnswerAndKeepTheEmail(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let browser = Browser(client)
            let form = try await browser.get("/quan-tri/dang-nhap")
            let csrf = Browser.csrf(in: form.text)
            let wrong = try await browser.post("/quan-tri/dang-nhap", ["email": "quantri@loa.local", "password": "sai-mat-khau"], csrf: csrf)
            let unknown = try await browser.post("/quan-tri/dang-nhap", ["email": "ai-do@loa.local", "password": "sai-mat-khau"], csrf: csrf)
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.text.contains("Email hoặc mật khẩu không đúng."))
            #expect(unknown.text.contains("Email hoặc mật khẩu không đúng."))
            #expect(unknown.text.contains("value=\"ai-do@loa.local\""))
            #expect(browser.cookies["loa_session"] == nil)
            let failures = try await AuditEvent.query(on: app.db).filter(\.$kind == AuditKind.loginFailed.rawValue).count()
            #expect(failures == 2)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func missingOrWrongCSRFTokenChangesNothing(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let browser = Browser(client)
            _ = try await browser.get("/quan-tri/dang-nhap")
            let first = try #require(app.firstStart)
            let missing = try await browser.post("/quan-tri/dang-nhap", ["email": first.adminEmail, "password": first.oneTimePassword], csrf: nil)
            let forged = try await browser.post("/quan-tri/dang-nhap", ["email": first.adminEmail, "password": first.oneTimePassword], csrf: "forged")
            for response in [missing, forged] {
                #expect(response.status == .forbidden)
                #expect(response.text.contains("Biểu mẫu đã hết hạn"))
            }
            #expect(try await UserSession.query(on: app.db).count() == 0)
        }
    }

    /// Issue #8: five wrong passwords once locked the account for 15 minutes, even for its owner, and
    /// twenty from one address locked a whole office behind one NAT.
    @Test(arguments: TestDatabase.engines)
    func anAttackerElsewhereNeverLocksTheOwnerOutNorAnOfficeItsColleagues(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, _ in
            let first = try #require(app.firstStart)
            let auth = app.services.auth
            // The owner has signed in from the office before.
            guard case .signedIn = try await auth.signIn(email: first.adminEmail, password: first.oneTimePassword, ip: "10.1.1.1", userAgent: "t") else {
                Issue.record("the owner's first sign-in failed")
                return
            }
            // Thirty guesses from elsewhere.
            for _ in 0..<30 {
                _ = try await auth.signIn(email: first.adminEmail, password: "doan-mo", ip: "198.51.100.7", userAgent: "t")
            }
            guard case .throttled = try await auth.signIn(email: first.adminEmail, password: "doan-mo", ip: "198.51.100.7", userAgent: "t") else {
                Issue.record("the guessing address was not slowed")
                return
            }
            // The owner, from her usual address, with the right password, gets in at once.
            guard case .signedIn = try await auth.signIn(email: first.adminEmail, password: first.oneTimePassword, ip: "10.1.1.1", userAgent: "t") else {
                Issue.record("the owner was locked out by an attacker elsewhere")
                return
            }
            // Forty mistakes by colleagues behind the office's one address do not shut the office out.
            for n in 0..<40 {
                _ = try await auth.signIn(email: "dong-nghiep-\(n)@loa.local", password: "sai", ip: "10.1.1.1", userAgent: "t")
            }
            guard case .signedIn = try await auth.signIn(email: first.adminEmail, password: first.oneTimePassword, ip: "10.1.1.1", userAgent: "t") else {
                Issue.record("one office's mistakes locked its own address")
                return
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func repeatedFailuresAreThrottledPerAccount(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let browser = Browser(client)
            let csrf = Browser.csrf(in: try await browser.get("/quan-tri/dang-nhap").text)
            for _ in 0..<LoginThrottle().maxFailuresPerAccount {
                let response = try await browser.post("/quan-tri/dang-nhap", ["email": "quantri@loa.local", "password": "sai"], csrf: csrf)
                #expect(response.status == .unauthorized)
            }
            let first = try #require(app.firstStart)
            // Even the right password is refused while the account is throttled.
            let blocked = try await browser.post("/quan-tri/dang-nhap", ["email": first.adminEmail, "password": first.oneTimePassword], csrf: csrf)
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers[.retryAfter] != nil)
            #expect(blocked.text.contains("đăng nhập sai quá nhiều lần"))
            #expect(browser.cookies["loa_session"] == nil)
            app.pinned.advance(by: LoginThrottle().window + 1)
            let later = try await browser.post("/quan-tri/dang-nhap", ["email": first.adminEmail, "password": first.oneTimePassword], csrf: csrf)
            #expect(later.status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func inactiveSessionsExpireAndSayWhy(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let browser = try await Self.signInAsAdmin(app, client)
            #expect(try await browser.get("/quan-tri").status == .ok)
            app.pinned.advance(by: TimeInterval(app.services.configuration.sessionIdleMinutes * 60 + 1))
            let expired = try await browser.get("/quan-tri/don-vi")
            #expect(expired.status == .seeOther)
            #expect(expired.headers[.location] == "/quan-tri/dang-nhap?het-han=1&tiep=%2Fquan-tri%2Fdon-vi")
            let form = try await browser.get(expired.headers[.location]!)
            #expect(form.text.contains("Phiên làm việc đã hết hạn"))
            #expect(form.text.contains("value=\"/quan-tri/don-vi\""))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func signingOutEverywhereEndsEverySession(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let browser = try await Self.signInAsAdmin(app, client)
            let second = Browser(client)
            let csrf = Browser.csrf(in: try await second.get("/quan-tri/dang-nhap").text)
            _ = try await second.post("/quan-tri/dang-nhap", ["email": "quantri@loa.local", "password": Self.newPassword], csrf: csrf)
            #expect(try await second.get("/quan-tri").status == .ok)

            let page = try await browser.get("/quan-tri/doi-mat-khau")
            let out = try await browser.post("/quan-tri/dang-xuat-moi-noi", [:], csrf: Browser.csrf(in: page.text))
            #expect(out.headers[.location] == "/quan-tri/dang-nhap")
            #expect(try await second.get("/quan-tri").status == .seeOther)
            #expect(try await UserSession.query(on: app.db).count() == 0)
            let kinds = try await AuditEvent.query(on: app.db).all().map(\.kind)
            #expect(kinds.contains(AuditKind.logoutEverywhere.rawValue))
            #expect(kinds.contains(AuditKind.passwordChanged.rawValue))
        }
    }

    @Test func onlyBackOfficePathsAreFollowedAfterSignIn() {
        #expect(AdminAuthController.safeNext("/quan-tri/don-vi") == "/quan-tri/don-vi")
        #expect(AdminAuthController.safeNext("https://evil.example/quan-tri") == "/quan-tri")
        #expect(AdminAuthController.safeNext("/quan-tri//evil.example") == "/quan-tri")
        #expect(AdminAuthController.safeNext(nil) == "/quan-tri")
    }
}
