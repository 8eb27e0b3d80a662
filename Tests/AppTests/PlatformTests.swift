import FluentKit
import FluentPostgresDriver
import Foundation
import HummingbirdTesting
import LoaCore
import SQLKit
import Testing

@testable import App

/// The platform pieces every feature relies on (issue #9): typed links declared per feature, the cached
/// unit tree, one protocol for the errors users read.
@Suite struct PlatformTests {
    @Test func linksDeclaredByFeaturesFillTheirPatterns() {
        #expect(SitePage.article(slug: "tin a/b").relativePath == "tin-tuc/tin%20a%2Fb")
        #expect(SitePage.news(page: 1).relativePath == "tin-tuc")
        #expect(SitePage.news(page: 3).relativePath == "tin-tuc?trang=3")
        #expect(SitePage.category(slug: "cai-cach", page: 2).relativePath == "chuyen-muc/cai-cach?trang=2")
        #expect(SitePage.procedures(level: "xa", sector: nil).relativePath == "thu-tuc-hanh-chinh?cap=xa")
        #expect(SitePage.kioskProcedure(sector: "ho-tich", code: "1.000.1").relativePath == "tra-cuu-thu-tuc/ho-tich/1.000.1")
        #expect(SiteMount.underPrefix("tan-thoi").path(.documentFile(slug: "qd-1", file: "a.pdf")) == "/xa/tan-thoi/van-ban/qd-1/tep/a.pdf")
        #expect(AdminPage.dashboard.link == "/quan-tri")
        #expect(AdminPage.revokeGrant(id: "u1", grant: "g2").link == "/quan-tri/nguoi-dung/u1/vai-tro/g2/thu-hoi")
        #expect(AdminPage.article(id: "42").route == .article)
        #expect(SystemRoute.preview.path(["token": "abc"]) == "xem-truoc/abc")
    }

    @Test func theMenuMarksThePageOfTheSamePatternButNotAnotherPageWithParameters() {
        #expect(SitePage.news(page: 2).route == SitePage.news(page: 1).route)
        #expect(!SiteRoute.news.hasParameters)
        #expect(SiteRoute.page.hasParameters)
        #expect(SitePage.page(slug: "a") != SitePage.page(slug: "b"))
    }

    @Test func everyFeatureFailureReadsAsAPageWithItsStatus() {
        let forbidden = ErrorPageMiddleware.describe(PlanService.Failure.notPermitted)
        #expect(forbidden.0 == .forbidden)
        let taken = ErrorPageMiddleware.describe(UserService.Failure.emailTaken("mai@example.vn"))
        #expect(taken.0 == .unprocessableContent)
        #expect(taken.2.contains("mai@example.vn"))
        #expect(UserService.Failure.emailTaken("x").fieldProblems.map(\.field) == ["email"])
        #expect(UnitService.Failure.cycle.fieldProblems.map(\.field) == ["parent"])
        #expect(ErrorPageMiddleware.describe(NewsroomService.Failure.nothingPending).0 == .conflict)
        #expect(ErrorPageMiddleware.describe(AppError.invalidCSRF).1 == "Biểu mẫu đã hết hạn")
        // Not a user-facing error: a fault, told as such with no detail.
        struct Internal: Error {}
        #expect(ErrorPageMiddleware.describe(Internal()).0 == .internalServerError)
    }

    @Test func anUnreachableDatabaseReadsAsTryAgainShortlyNotAsAFault() {
        let (status, heading, message) = ErrorPageMiddleware.describe(ConnectionPoolTimeoutError.connectionRequestTimeout)
        #expect(status == .serviceUnavailable)
        #expect(heading == "Hệ thống tạm thời gián đoạn")
        #expect(message.contains("thử lại sau ít phút"))
    }

    @Test(arguments: TestDatabase.engines)
    func theUnitTreeIsReadOncePerContentVersionNotOnEveryRequest(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let browser = try await SignInFlowTests.signInAsAdmin(app, client)
            let trees = app.services.unitTrees
            _ = try await browser.get("/quan-tri")
            let loadsBefore = trees.loads
            for path in ["/quan-tri", "/quan-tri/don-vi", "/quan-tri/nguoi-dung", "/quan-tri/tin-bai"] {
                #expect(try await browser.get(path).status == .ok, "\(path)")
            }
            #expect(trees.loads == loadsBefore)
            // A new unit is a new version: the next request sees it, and may act in it at once.
            let form = try await browser.get("/quan-tri/don-vi/moi")
            let district = try #require(try await Unit.query(on: app.db).filter(\.$code == "DEMO-TPD").first())
            let created = try await browser.post(
                "/quan-tri/don-vi/moi",
                ["name": "Tổ kiểm thử bộ nhớ đệm", "code": "TPD-LOA-KT", "kind": "agency", "parent": try district.requireID().uuidString],
                csrf: Browser.csrf(in: form.text))
            #expect(created.status == .seeOther)
            let units = try await browser.get("/quan-tri/don-vi")
            #expect(units.text.contains("Tổ kiểm thử bộ nhớ đệm"))
            #expect(trees.loads == loadsBefore + 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aUnitChangeWhoseCacheMarkFailsIsNotSaved(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let browser = try await SignInFlowTests.signInAsAdmin(app, client)
            let form = try await browser.get("/quan-tri/don-vi/moi")
            let district = try #require(try await Unit.query(on: app.db).filter(\.$code == "DEMO-TPD").first())
            let before = try await Unit.query(on: app.db).count()
            try await app.db.sql.raw("DROP TABLE content_version").run()
            let created = try await browser.post(
                "/quan-tri/don-vi/moi",
                ["name": "Tổ kiểm thử bộ nhớ đệm", "code": "TPD-LOA-KT", "kind": "agency", "parent": try district.requireID().uuidString],
                csrf: Browser.csrf(in: form.text))
            #expect(created.status.code >= 500)
            // The unit and its audit entry went with the failed mark: no unit that other instances'
            // cached trees would not know of.
            #expect(try await Unit.query(on: app.db).count() == before)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$subject == "TPD-LOA-KT Tổ kiểm thử bộ nhớ đệm").count() == 0)
        }
    }
}
