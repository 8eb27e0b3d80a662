import FluentKit
import Foundation
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

/// Whole pages and request/response pairs in the pinned world (fixed clock, deterministic tokens).
/// Snapshots use SQLite only: the same pages on PostgreSQL are covered by the other suites.
@Suite struct SnapshotTests {
    @Test func basePageOfTheDistrictPortal() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let response = try await client.execute(uri: "/gioi-thieu", method: .get)
            try assertSnapshot(response.snapshotText(request: "GET /gioi-thieu", includeBody: true), named: "public-about-page")
        }
    }

    @Test func signInFlowRequestsAndResponses() async throws {
        try await TestApp.run(.sqlite) { app, client in
            let browser = Browser(client)
            var transcript: [String] = []
            let form = try await browser.get("/quan-tri")
            transcript.append(form.snapshotText(request: "GET /quan-tri (no session)", includeBody: false))
            let signInPage = try await browser.get("/quan-tri/dang-nhap?tiep=%2Fquan-tri")
            transcript.append(signInPage.snapshotText(request: "GET /quan-tri/dang-nhap", includeBody: false))
            let first = try #require(app.firstStart)
            let signIn = try await browser.post(
                "/quan-tri/dang-nhap", ["email": first.adminEmail, "password": first.oneTimePassword],
                csrf: Browser.csrf(in: signInPage.text))
            transcript.append(signIn.snapshotText(request: "POST /quan-tri/dang-nhap (one-time password)", includeBody: false))
            let forced = try await browser.get("/quan-tri")
            transcript.append(forced.snapshotText(request: "GET /quan-tri (password not yet changed)", includeBody: false))
            let wrong = try await Browser(client).post(
                "/quan-tri/dang-nhap", ["email": first.adminEmail, "password": "x"], csrf: nil)
            transcript.append(wrong.snapshotText(request: "POST /quan-tri/dang-nhap (no CSRF token)", includeBody: false))
            try assertSnapshot(transcript.joined(separator: "\n\n"), named: "sign-in-flow")
        }
    }
}

/// Whole pages people use most (issue #9), in the pinned world with ids normalised.
@Suite struct WholePageSnapshotTests {
    @Test func theSeedsArticlePage() async throws {
        try await TestApp.run(.sqlite) { app, client in
            let article = try #require(try await Article.query(on: app.db).filter(\.$title ~~ "năm 2020 trên địa bàn huyện").first())
            let uri = "/tin-tuc/\(article.slug)"
            let response = try await client.execute(uri: uri, method: .get)
            try assertSnapshot(normalizingIDs(response.snapshotText(request: "GET \(uri)", includeBody: true)), named: "article-page")
        }
    }

    @Test func searchResults() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let uri = "/tim-kiem?q=thu+tuc+hanh+chinh"
            let response = try await client.execute(uri: uri, method: .get)
            try assertSnapshot(normalizingIDs(response.snapshotText(request: "GET \(uri)", includeBody: true)), named: "search-results")
        }
    }

    @Test func theArticleEditor() async throws {
        try await TestApp.run(.sqlite) { app, client in
            let password = try await BackOfficeTests.account(app, email: "bt@loa.local", unitCode: "DEMO-TPD", role: .editor)
            let editor = try await BackOfficeTests.signIn(client, "bt@loa.local", password)
            let article = try #require(try await Article.query(on: app.db).filter(\.$title ~~ "Tập huấn nghiệp vụ").first())
            let uri = "/quan-tri/tin-bai/\(try article.requireID().uuidString)"
            let response = try await editor.get(uri)
            try assertSnapshot(normalizingIDs(response.snapshotText(request: "GET /quan-tri/tin-bai/<id>", includeBody: true)), named: "article-editor")
        }
    }

    @Test func aProcedurePostingSheet() async throws {
        guard ExternalTool.find("qrencode") != nil else {
            print("⚠️  qrencode not installed: the posting sheet snapshot is skipped (apt-get install qrencode)")
            return
        }
        try await TestApp.run(.sqlite) { app, client in
            let csv = "Mã thủ tục,Tên thủ tục,Cấp thực hiện,Lĩnh vực\n1.000894,Đăng ký khai sinh,Cấp Xã,Hộ tịch\n"
            let site = try await ProcedureTests.site(app, "tan-phu-dong")
            let report = try await ProcedureService(db: app.db, clients: app.pinned.clients).importOutcomes(
                ProcedureParser.parseCSV(csv, source: "snapshot.csv"), owner: site.unitID,
                posting: .init(site: site, number: "01/QĐ-UBND", day: try #require(CalendarDay(iso: "2026-01-05"))))
            #expect(report.posted == 1)
            let uri = "/niem-yet/thu-tuc/1.000894"
            let response = try await client.execute(uri: uri, method: .get)
            try assertSnapshot(normalizingIDs(response.snapshotText(request: "GET \(uri)", includeBody: true)), named: "posting-sheet")
        }
    }
}
