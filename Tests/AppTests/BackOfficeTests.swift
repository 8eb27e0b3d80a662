import FluentKit
import Foundation
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

@Suite struct BackOfficeTests {
    /// Creates an account through the service with a known password, already changed.
    static func account(_ app: TestApp, email: String, unitCode: String, role: Role) async throws -> String {
        let unit = try #require(try await Unit.query(on: app.db).filter(\.$code == unitCode).first())
        let service = UserService(db: app.db, clients: app.pinned.clients, configuration: app.services.configuration)
        let (user, _) = try await service.create(
            .init(email: email, name: "Người thử \(role.rawValue)", unitID: try unit.requireID(), role: role), actor: nil, ip: "test")
        let password = "Mat-khau-thu-\(role.rawValue)"
        user.passwordHash = try await PasswordHasher(cost: 4).hash(password)
        user.mustChangePassword = false
        try await user.save(on: app.db)
        return password
    }

    static func signIn(_ client: any TestClientProtocol, _ email: String, _ password: String) async throws -> Browser {
        let browser = Browser(client)
        let csrf = Browser.csrf(in: try await browser.get("/quan-tri/dang-nhap").text)
        let response = try await browser.post("/quan-tri/dang-nhap", ["email": email, "password": password], csrf: csrf)
        #expect(response.status == .seeOther, "sign-in of \(email)")
        return browser
    }

    @Test(arguments: TestDatabase.engines)
    func administratorCreatesAUnitAndAnAccount(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let browser = try await SignInFlowTests.signInAsAdmin(app, client)
            let form = try await browser.get("/quan-tri/don-vi/moi")
            let district = try #require(try await Unit.query(on: app.db).filter(\.$code == "DEMO-TPD").first())
            // A failed validation keeps what was typed.
            let invalid = try await browser.post(
                "/quan-tri/don-vi/moi", ["name": "Phòng Tư pháp", "code": "", "kind": "agency", "parent": try district.requireID().uuidString],
                csrf: Browser.csrf(in: form.text))
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains("Mã đơn vị không được để trống."))
            #expect(invalid.text.contains("value=\"Phòng Tư pháp\""))
            let created = try await browser.post(
                "/quan-tri/don-vi/moi", ["name": "Phòng Tư pháp", "code": "TPD-TP", "kind": "agency", "parent": try district.requireID().uuidString],
                csrf: Browser.csrf(in: form.text))
            #expect(created.status == .seeOther)
            let unit = try #require(try await Unit.query(on: app.db).filter(\.$code == "TPD-TP").first())
            #expect(unit.$parent.id == district.id)

            let userForm = try await browser.get("/quan-tri/nguoi-dung/moi")
            let result = try await browser.post(
                "/quan-tri/nguoi-dung/moi",
                [
                    "name": "Nguyễn Thị Mai", "email": "mai@tanphudong.example.vn", "unit": try unit.requireID().uuidString,
                    "role": "editor", "scope": try unit.requireID().uuidString,
                ],
                csrf: Browser.csrf(in: userForm.text))
            #expect(result.status == .ok)
            #expect(result.text.contains("Mật khẩu một lần"))
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "mai@tanphudong.example.vn").with(\.$grants).first())
            #expect(user.mustChangePassword)
            #expect(user.grants.compactMap(\.grant) == [RoleGrant(role: .editor, unitID: try unit.requireID())])

            let audit = try await browser.get("/quan-tri/nhat-ky")
            #expect(audit.text.contains("Tạo tài khoản"))
            #expect(audit.text.contains("Tạo đơn vị"))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func contributorCannotUseAdministratorPages(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let password = try await Self.account(app, email: "ctv@loa.local", unitCode: "DEMO-TPD-1", role: .contributor)
            let browser = try await Self.signIn(client, "ctv@loa.local", password)
            let dashboard = try await browser.get("/quan-tri")
            #expect(dashboard.status == .ok)
            #expect(!dashboard.text.contains("href=\"/quan-tri/nguoi-dung\""))
            for uri in ["/quan-tri/don-vi", "/quan-tri/nguoi-dung", "/quan-tri/nhat-ky", "/quan-tri/he-thong"] {
                #expect(try await browser.get(uri).status == .forbidden, "\(uri)")
            }
            let before = try await Unit.query(on: app.db).count()
            let province = try #require(try await Unit.query(on: app.db).filter(\.$code == "DEMO-TG").first())
            let post = try await browser.post(
                "/quan-tri/don-vi/moi", ["name": "Đơn vị lạ", "code": "X-1", "kind": "agency", "parent": try province.requireID().uuidString],
                csrf: Browser.csrf(in: dashboard.text))
            #expect(post.status == .forbidden)
            #expect(try await Unit.query(on: app.db).count() == before)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func communeAdministratorCannotReachAnotherUnitsAccounts(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let password = try await Self.account(app, email: "qt.tanthoi@loa.local", unitCode: "DEMO-TPD-1", role: .administrator)
            _ = try await Self.account(app, email: "bt.tanphu@loa.local", unitCode: "DEMO-TPD-2", role: .editor)
            let other = try #require(try await User.query(on: app.db).filter(\.$email == "bt.tanphu@loa.local").first())
            let browser = try await Self.signIn(client, "qt.tanthoi@loa.local", password)
            let list = try await browser.get("/quan-tri/nguoi-dung")
            #expect(list.status == .ok)
            #expect(list.text.contains("qt.tanthoi@loa.local"))
            #expect(!list.text.contains("bt.tanphu@loa.local"))
            // Another unit's account id in the URL: not found, and nothing changes.
            let id = try other.requireID().uuidString
            #expect(try await browser.get("/quan-tri/nguoi-dung/\(id)").status == .notFound)
            let toggle = try await browser.post("/quan-tri/nguoi-dung/\(id)/khoa", [:], csrf: Browser.csrf(in: list.text))
            #expect(toggle.status == .notFound)
            #expect(try await User.find(other.id, on: app.db)?.disabledAt == nil)
            // The security log spans every unit: a commune administrator does not read it.
            #expect(try await browser.get("/quan-tri/nhat-ky").status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func overLongFieldsAreRefusedPrecisely(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let browser = try await SignInFlowTests.signInAsAdmin(app, client)
            let form = try await browser.get("/quan-tri/nguoi-dung/moi")
            let district = try #require(try await Unit.query(on: app.db).filter(\.$code == "DEMO-TPD").first()).id!.uuidString
            let response = try await browser.post(
                "/quan-tri/nguoi-dung/moi",
                ["name": String(repeating: "Ư", count: 500), "email": "dai@loa.local", "unit": district, "role": "editor", "scope": district],
                csrf: Browser.csrf(in: form.text))
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("Họ và tên dài quá 120 ký tự."))
            #expect(try await User.query(on: app.db).filter(\.$email == "dai@loa.local").count() == 0)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func systemPageListsEngineMigrationsAndTools(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let browser = try await SignInFlowTests.signInAsAdmin(app, client)
            let page = try await browser.get("/quan-tri/he-thong")
            #expect(page.status == .ok)
            #expect(page.text.contains(engine.testDescription))
            #expect(page.text.contains("005_create_articles"))
            #expect(page.text.contains("pdftotext"))
            // Each tool's state is written out (it rendered empty), and so is the missing mail server.
            #expect(page.text.contains("<td>Có sẵn</td>") || page.text.contains("<td>Chưa cài đặt"))
            #expect(page.text.contains("<td>Chưa cấu hình — người gửi chỉ tra cứu được trên trang, không nhận email</td>"))
        }
    }
}
