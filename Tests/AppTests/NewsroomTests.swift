import FluentKit
import Foundation
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

@Suite struct NewsroomTests {
    static func districtSiteID(_ app: TestApp) async throws -> UUID {
        try #require(try await Site.query(on: app.db).filter(\.$slug == "tan-phu-dong").first()).requireID()
    }

    @Test(arguments: TestDatabase.engines)
    func contributorDraftsEditorSubmitsApproverPublishes(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let ctvPassword = try await BackOfficeTests.account(app, email: "ctv@loa.local", unitCode: "DEMO-TPD", role: .contributor)
            let ldPassword = try await BackOfficeTests.account(app, email: "ld@loa.local", unitCode: "DEMO-TPD", role: .approver)
            let contributor = try await BackOfficeTests.signIn(client, "ctv@loa.local", ctvPassword)

            let form = try await contributor.get("/quan-tri/tin-bai/moi")
            #expect(form.status == .ok)
            let csrf = Browser.csrf(in: form.text)
            // Validation keeps what was typed.
            let invalid = try await contributor.post("/quan-tri/tin-bai/moi", ["site": "tan-phu-dong", "title": "", "body": "Nội dung <b>đậm</b>"], csrf: csrf)
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains("Tiêu đề không được để trống."))
            #expect(invalid.text.contains("Nội dung &lt;b&gt;đậm&lt;/b&gt;"))

            let created = try await contributor.post(
                "/quan-tri/tin-bai/moi",
                [
                    "site": "tan-phu-dong", "title": "Hội nghị tổng kết cải cách hành chính", "summary": "Tóm tắt", "body": "Đoạn một.",
                    "tags": "cải cách, hội nghị",
                ],
                csrf: csrf)
            #expect(created.status == .seeOther)
            let article = try #require(try await Article.query(on: app.db).filter(\.$title == "Hội nghị tổng kết cải cách hành chính").first())
            #expect(article.status == ArticleState.draft.rawValue)
            let path = "/quan-tri/tin-bai/\(try article.requireID().uuidString)"
            // Not public yet.
            #expect(try await client.execute(uri: "/tin-tuc/\(article.slug)", method: .get).status == .notFound)

            // A contributor cannot publish, only submit.
            let editor = try await contributor.get(path)
            #expect(!editor.text.contains("value=\"publish\""))
            let forbidden = try await contributor.post(path + "/chuyen-trang-thai", ["transition": "publish"], csrf: csrf)
            #expect(forbidden.status == .forbidden)
            let submitted = try await contributor.post(path + "/chuyen-trang-thai", ["transition": "submit"], csrf: csrf)
            #expect(submitted.status == .seeOther)

            let approver = try await BackOfficeTests.signIn(client, "ld@loa.local", ldPassword)
            #expect(try await approver.get("/quan-tri").text.contains("Có 1 tin bài đang chờ bạn duyệt."))
            let queue = try await approver.get("/quan-tri/tin-bai?trang-thai=submitted")
            #expect(queue.text.contains("Hội nghị tổng kết cải cách hành chính"))
            let before = try await approver.get("/quan-tri/tin-bai?trang-thai=submitted&den=2026-03-14")
            #expect(before.text.contains("<caption>0 tin bài</caption>"))
            let noComment = try await approver.post(
                path + "/chuyen-trang-thai", ["transition": "returnToAuthor", "comment": " "], csrf: Browser.csrf(in: queue.text))
            #expect(noComment.status == .unprocessableContent)
            let published = try await approver.post(path + "/chuyen-trang-thai", ["transition": "publish"], csrf: Browser.csrf(in: queue.text))
            #expect(published.status == .seeOther)
            let page = try await client.execute(uri: "/tin-tuc/\(article.slug)", method: .get)
            #expect(page.status == .ok)
            let search = try await client.execute(uri: "/tim-kiem?q=hoi+nghi+tong+ket", method: .get)
            #expect(search.text.contains("Tìm thấy 1 kết quả."))

            // Withdrawn: the page answers 410 with a notice, and search no longer finds it.
            let editorPage = try await approver.get(path)
            _ = try await approver.post(path + "/chuyen-trang-thai", ["transition": "unpublish"], csrf: Browser.csrf(in: editorPage.text))
            let gone = try await client.execute(uri: "/tin-tuc/\(article.slug)", method: .get)
            #expect(gone.status == .gone)
            #expect(gone.text.contains("Tin bài đã được gỡ"))
            // The same search page was cached before; withdrawing cleared the cache at once.
            let after = try await client.execute(uri: "/tim-kiem?q=hoi+nghi+tong+ket", method: .get)
            #expect(after.text.contains("Không tìm thấy kết quả nào"))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func staleEditIsRefusedAndTheTypedTextKept(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let password = try await BackOfficeTests.account(app, email: "bt@loa.local", unitCode: "DEMO-TPD", role: .approver)
            let first = try await BackOfficeTests.signIn(client, "bt@loa.local", password)
            let second = try await BackOfficeTests.signIn(client, "bt@loa.local", password)
            let article = try #require(try await Article.query(on: app.db).filter(\.$site.$id == Self.districtSiteID(app)).first())
            let path = "/quan-tri/tin-bai/\(try article.requireID().uuidString)"
            let pageA = try await first.get(path)
            let pageB = try await second.get(path)
            let fields = { (body: String) in ["title": article.title, "summary": article.summary, "body": body, "version": String(article.version)] }
            let saved = try await first.post(path, fields("Bản của người thứ nhất."), csrf: Browser.csrf(in: pageA.text))
            #expect(saved.status == .seeOther)
            let stale = try await second.post(path, fields("Bản của người thứ hai."), csrf: Browser.csrf(in: pageB.text))
            #expect(stale.status == .unprocessableContent)
            #expect(stale.text.contains("đã được Người thử approver lưu sau khi bạn mở"))
            #expect(stale.text.contains("Bản của người thứ hai."))
            let stored = try await Article.find(article.id, on: app.db)
            #expect(stored?.body == "Bản của người thứ nhất.")
            // The published slug stays although the editor could retitle it.
            #expect(stored?.slug == article.slug)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func revisionsCompareAndRestoreAsANewVersion(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let password = try await BackOfficeTests.account(app, email: "bt@loa.local", unitCode: "DEMO-TPD", role: .editor)
            let browser = try await BackOfficeTests.signIn(client, "bt@loa.local", password)
            let form = try await browser.get("/quan-tri/tin-bai/moi")
            _ = try await browser.post(
                "/quan-tri/tin-bai/moi", ["site": "tan-phu-dong", "title": "Bản tin", "body": "Dòng một\nDòng hai"], csrf: Browser.csrf(in: form.text))
            let article = try #require(try await Article.query(on: app.db).filter(\.$title == "Bản tin").first())
            let path = "/quan-tri/tin-bai/\(try article.requireID().uuidString)"
            _ = try await browser.post(path, ["title": "Bản tin", "body": "Dòng một\nDòng hai đã sửa", "version": "1"], csrf: Browser.csrf(in: form.text))
            let history = try await browser.get(path + "/lich-su")
            #expect(history.text.contains("<span class=\"diff-removed\">− Dòng hai</span>"))
            #expect(history.text.contains("<span class=\"diff-added\">+ Dòng hai đã sửa</span>"))
            let first = try #require(try await ArticleRevision.query(on: app.db).filter(\.$article.$id == article.requireID()).filter(\.$number == 1).first())
            let restored = try await browser.post(path + "/lich-su/\(try first.requireID().uuidString)/khoi-phuc", [:], csrf: Browser.csrf(in: history.text))
            #expect(restored.status == .seeOther)
            let revisions = try await ArticleRevision.query(on: app.db).filter(\.$article.$id == article.requireID()).sort(\.$number).all()
            #expect(revisions.map(\.number) == [1, 2, 3])
            #expect(revisions.last?.note == "Khôi phục phiên bản 1")
            #expect(try await Article.find(article.id, on: app.db)?.body == "Dòng một\nDòng hai")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func previewLinkShowsADraftUntilItExpires(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            // Only those who may publish make public preview links (issue #8): a leader here.
            let password = try await BackOfficeTests.account(app, email: "ld@loa.local", unitCode: "DEMO-TPD", role: .approver)
            let browser = try await BackOfficeTests.signIn(client, "ld@loa.local", password)
            let form = try await browser.get("/quan-tri/tin-bai/moi")
            _ = try await browser.post(
                "/quan-tri/tin-bai/moi", ["site": "tan-phu-dong", "title": "Dự thảo kế hoạch", "body": "Nội dung dự thảo"], csrf: Browser.csrf(in: form.text))
            let article = try #require(try await Article.query(on: app.db).filter(\.$title == "Dự thảo kế hoạch").first())
            let linkPage = try await browser.post("/quan-tri/tin-bai/\(try article.requireID().uuidString)/xem-truoc", [:], csrf: Browser.csrf(in: form.text))
            let link = try #require(linkPage.text.components(separatedBy: "<code>").dropFirst().first?.components(separatedBy: "</code>").first)
            let path = String(link.dropFirst("http://loa.test".count))
            let preview = try await client.execute(uri: path, method: .get)
            #expect(preview.status == .ok)
            #expect(preview.text.contains("Bản xem trước"))
            #expect(preview.headers[.cacheControl] == "no-store")
            app.pinned.advance(by: AdminArticlesController.previewLifetime + 1)
            #expect(try await client.execute(uri: path, method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/xem-truoc/doan-bua", method: .get).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func communeApproverCannotPublishOnTheDistrictSite(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let password = try await BackOfficeTests.account(app, email: "ld.xa@loa.local", unitCode: "DEMO-TPD-1", role: .approver)
            let browser = try await BackOfficeTests.signIn(client, "ld.xa@loa.local", password)
            let district = try #require(try await Article.query(on: app.db).filter(\.$site.$id == Self.districtSiteID(app)).first())
            let page = try await browser.get("/quan-tri/tin-bai")
            #expect(try await browser.get("/quan-tri/tin-bai/\(try district.requireID().uuidString)").status == .notFound)
            let attempt = try await browser.post(
                "/quan-tri/tin-bai/\(try district.requireID().uuidString)/chuyen-trang-thai", ["transition": "unpublish"], csrf: Browser.csrf(in: page.text))
            #expect(attempt.status == .notFound)
            #expect(try await Article.find(district.id, on: app.db)?.status == ArticleState.published.rawValue)
        }
    }
}
