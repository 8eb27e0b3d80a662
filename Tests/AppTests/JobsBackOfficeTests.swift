import FluentKit
import Foundation
import HummingbirdTesting
import LoaCore
import SQLKit
import Testing

@testable import App

/// What the job queue changes for people (issue #10): uploads answer before renditions exist, and
/// administrators see failed jobs and run them again.
@Suite struct JobsBackOfficeTests {
    @Test(.enabled(if: MediaTests.vipsInstalled, "needs vipsthumbnail (libvips-tools)"), arguments: TestDatabase.engines)
    func renditionsAreMadeByTheJobAndPagesShowTheOriginalUntilThen(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let password = try await BackOfficeTests.account(app, email: "ld@loa.local", unitCode: "DEMO-TPD", role: .approver)
            let approver = try await BackOfficeTests.signIn(client, "ld@loa.local", password)
            let csrf = Browser.csrf(in: try await approver.get("/quan-tri/thu-vien").text)
            let uploaded = try await approver.upload(
                "/quan-tri/thu-vien", ["site": "tan-phu-dong", "alt": "Đường làng mới"],
                file: ("file", "duong.png", TestImages.png(width: 1200, height: 30)), csrf: csrf)
            #expect(uploaded.status == .seeOther)
            let media = try #require(try await Media.query(on: app.db).filter(\.$alt == "Đường làng mới").first())
            let id = try media.requireID()
            #expect(media.widths.isEmpty, "the upload answered before any rendition was made")
            let original = MediaLibrary.path(id: id, format: .png)
            #expect(try await client.execute(uri: original, method: .get).status == .ok)
            // A rendition asked for before it exists is answered with the original.
            let early = try await client.execute(uri: MediaLibrary.path(id: id, format: .png, width: 320), method: .get)
            #expect(try ImageProbe.inspect(Array(early.body.readableBytesView)).get().width == 1200)

            let created = try await approver.post(
                "/quan-tri/tin-bai/moi",
                ["site": "tan-phu-dong", "title": "Đường làng được bê tông hóa", "summary": "Tóm tắt", "body": "Mở đầu\n\n![Đường làng mới](\(original))"],
                csrf: csrf)
            #expect(created.status == .seeOther)
            let article = try #require(try await Article.query(on: app.db).filter(\.$title == "Đường làng được bê tông hóa").first())
            #expect(
                try await approver.post("/quan-tri/tin-bai/\(try article.requireID().uuidString)/chuyen-trang-thai", ["transition": "publish"], csrf: csrf)
                    .status == .seeOther)

            let before = try await client.execute(uri: "/tin-tuc/\(article.slug)", method: .get).text
            #expect(before.contains("<img src=\"\(original)\""))
            #expect(!before.contains("\(id.uuidString.lowercased())-320"))

            #expect(try await app.services.jobs.runDue() == 1)
            let rendered = try #require(try await Media.find(id, on: app.db))
            #expect(rendered.widths == [320, 640, 1024])
            let rendition = try await client.execute(uri: MediaLibrary.path(id: id, format: .png, width: 320), method: .get)
            #expect(try ImageProbe.inspect(Array(rendition.body.readableBytesView)).get().width == 320)
            // The cached page learnt of the renditions through the page cache's version.
            let after = try await client.execute(uri: "/tin-tuc/\(article.slug)", method: .get).text
            #expect(after.contains("-320.png 320w"))
            #expect(after.contains("<img src=\"\(MediaLibrary.path(id: id, format: .png, width: 640))\""))
            // Asking again makes no second job.
            try await RenditionJob.enqueue(mediaID: id, now: app.pinned.clients.now(), on: app.db)
            #expect(try await app.services.jobs.runDue() == 0)
        }
    }

    static func failedJob(_ app: TestApp) async throws -> UUID {
        let now = app.pinned.clients.now()
        try await JobQueue.enqueue("test.unknown", payload: ["n": 1], maxAttempts: 1, runAt: now, now: now, on: app.db)
        #expect(try await app.services.jobs.runDue() == 1)
        let row = try #require(try await app.db.sql.raw("SELECT id, state FROM jobs WHERE kind = 'test.unknown'").first())
        #expect(try row.decode(column: "state", as: String.self) == "failed")
        return try row.decode(column: "id", as: UUID.self)
    }

    static func state(_ app: TestApp, _ id: UUID) async throws -> (state: String, attempts: Int)? {
        guard let row = try await app.db.sql.raw("SELECT state, attempts FROM jobs WHERE id = \(bind: id)").first() else { return nil }
        return (try row.decode(column: "state", as: String.self), try row.decode(column: "attempts", as: Int.self))
    }

    @Test(arguments: TestDatabase.engines)
    func administratorsSeeFailedJobsAndRunThemAgain(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let id = try await Self.failedJob(app)
            let admin = try await SignInFlowTests.signInAsAdmin(app, client)
            let page = try await admin.get("/quan-tri/he-thong/cong-viec")
            #expect(page.status == .ok)
            #expect(page.text.contains("<code>test.unknown</code>"))
            #expect(page.text.contains("no handler is registered for job kind test.unknown"))
            #expect(page.text.contains("Thất bại"))
            #expect(page.text.contains("Chạy lại"))
            #expect(try await admin.get("/quan-tri/he-thong").text.contains("/quan-tri/he-thong/cong-viec"))

            let action = "/quan-tri/he-thong/cong-viec/\(id.uuidString.lowercased())/chay-lai"
            #expect(try await admin.post(action, [:], csrf: nil).status == .forbidden, "no CSRF token, no retry")
            #expect(try await Self.state(app, id)?.state == "failed")

            let retried = try await admin.post(action, [:], csrf: Browser.csrf(in: page.text))
            #expect(retried.status == .seeOther)
            #expect(retried.headers[.location] == "/quan-tri/he-thong/cong-viec?tb=da-xep-lai")
            #expect(try await Self.state(app, id).map { "\($0.state) \($0.attempts)" } == "queued 0")
            let audit = try #require(try await AuditEvent.query(on: app.db).filter(\.$kind == AuditKind.jobRetried.rawValue).first())
            #expect(audit.subject == "test.unknown")
            #expect(audit.detail == id.uuidString.lowercased())
            #expect(try await admin.get("/quan-tri/he-thong/cong-viec?tb=da-xep-lai").text.contains("Đã đưa công việc trở lại hàng đợi."))
            // A job no longer failed cannot be retried twice.
            #expect(try await admin.post(action, [:], csrf: Browser.csrf(in: page.text)).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func othersCannotSeeOrRetryJobs(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let id = try await Self.failedJob(app)
            let password = try await BackOfficeTests.account(app, email: "btv@loa.local", unitCode: "DEMO-TPD", role: .editor)
            let editor = try await BackOfficeTests.signIn(client, "btv@loa.local", password)
            #expect(try await editor.get("/quan-tri/he-thong/cong-viec").status == .forbidden)
            let csrf = Browser.csrf(in: try await editor.get("/quan-tri/thu-vien").text)
            let refused = try await editor.post("/quan-tri/he-thong/cong-viec/\(id.uuidString)/chay-lai", [:], csrf: csrf)
            #expect(refused.status == .forbidden)
            #expect(try await Self.state(app, id)?.state == "failed")
            #expect(try await AuditEvent.query(on: app.db).filter(\.$kind == AuditKind.jobRetried.rawValue).count() == 0)
        }
    }
}
