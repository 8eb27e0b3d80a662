import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import LoaCore
import SQLKit
import Testing

@testable import App

/// Faults a review of the code found that no test caught (issue #9), each with the test that shows it.
@Suite struct ReviewFaultTests {
    static func approver(_ app: TestApp, _ client: any TestClientProtocol) async throws -> Browser {
        let password = try await BackOfficeTests.account(app, email: "ld@loa.local", unitCode: "DEMO-TPD", role: .approver)
        return try await BackOfficeTests.signIn(client, "ld@loa.local", password)
    }

    /// Creates an article as the approver and returns its editor path.
    static func draft(_ title: String, _ browser: Browser, _ app: TestApp) async throws -> (Article, String) {
        let form = try await browser.get("/quan-tri/tin-bai/moi")
        _ = try await browser.post(
            "/quan-tri/tin-bai/moi", ["site": "tan-phu-dong", "title": title, "body": "Nội dung \(title)."], csrf: Browser.csrf(in: form.text))
        let article = try #require(try await Article.query(on: app.db).filter(\.$title == title).first())
        return (article, "/quan-tri/tin-bai/\(try article.requireID().uuidString)")
    }

    @Test(arguments: TestDatabase.engines)
    func scheduledArticlesAppearAndExpiringOnesLeaveAtTheirTime(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let approver = try await Self.approver(app, client)
            // The pinned clock reads 08:00 in Vietnam.
            let (later, laterPath) = try await Self.draft("Tin hẹn giờ Zebrafinch", approver, app)
            let (leaving, leavingPath) = try await Self.draft("Tin hết hạn Quokkaland", approver, app)
            let csrf = Browser.csrf(in: try await approver.get(laterPath).text)
            #expect(
                try await approver.post(laterPath + "/chuyen-trang-thai", ["transition": "publish", "publish_at": "2026-03-15T09:30"], csrf: csrf).status
                    == .seeOther)
            #expect(
                try await approver.post(leavingPath + "/chuyen-trang-thai", ["transition": "publish", "expires_at": "2026-03-15T09:00"], csrf: csrf).status
                    == .seeOther)

            let before = try await client.execute(uri: "/tin-tuc", method: .get).text
            #expect(!before.contains("Zebrafinch") && before.contains("Quokkaland"))
            let feedBefore = try await client.execute(uri: "/rss.xml", method: .get).text
            #expect(!feedBefore.contains("Zebrafinch"))

            app.pinned.advance(by: 2 * 3600)  // 10:00: one is due, the other has expired
            try await app.services.scheduledPublication.tick(since: PinnedClients.start)
            let after = try await client.execute(uri: "/tin-tuc", method: .get).text
            #expect(after.contains("Zebrafinch"))
            #expect(!after.contains("Quokkaland"))
            #expect(try await client.execute(uri: "/rss.xml", method: .get).text.contains("Zebrafinch"))
            #expect(try await client.execute(uri: "/sitemap.xml", method: .get).text.contains(later.slug))
            // The scheduled article is now published, so it counts as evidence like any other.
            let stored = try #require(try await Article.find(later.requireID(), on: app.db))
            #expect(stored.status == ArticleState.published.rawValue)
            let notes = try await ArticleRevision.query(on: app.db).filter(\.$article.$id == later.requireID()).all().map(\.note)
            #expect(notes.contains("Tự động đăng theo lịch hẹn"))
            _ = leaving
        }
    }

    @Test(arguments: TestDatabase.engines)
    func publishingAndWithdrawingLeaveATraceOfWhoAndWhat(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let approver = try await Self.approver(app, client)
            let (article, path) = try await Self.draft("Tin để đăng và gỡ", approver, app)
            let csrf = Browser.csrf(in: try await approver.get(path).text)
            _ = try await approver.post(path + "/chuyen-trang-thai", ["transition": "publish"], csrf: csrf)
            _ = try await approver.post(path + "/chuyen-trang-thai", ["transition": "unpublish"], csrf: csrf)
            let revisions = try await ArticleRevision.query(on: app.db).filter(\.$article.$id == article.requireID()).sort(\.$number).all()
            #expect(revisions.map(\.note).suffix(2) == ["Đăng", "Gỡ bài"])
            #expect(revisions.suffix(2).allSatisfy { $0.editorName == "Người thử approver" && $0.title == "Tin để đăng và gỡ" })
            let history = try await approver.get(path + "/lich-su")
            #expect(history.text.contains("Gỡ bài"))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func ofTwoConcurrentSavesOfOneVersionExactlyOneWins(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, _ in
            let unit = try #require(try await Unit.query(on: app.db).filter(\.$code == "DEMO-TPD").first())
            let user = try #require(try await User.query(on: app.db).first())
            let identity = Identity(
                userID: try user.requireID(), email: user.email, name: "Biên tập", unitID: try unit.requireID(),
                mustChangePassword: false, sessionID: UUID(), csrfToken: "t",
                grants: [RoleGrant(role: .approver, unitID: try unit.requireID())])
            let tree = try await UnitTree.load(on: app.db)
            let site = try #require(try await app.services.sites.all().first { $0.slug == "tan-phu-dong" })
            let newsroom = NewsroomService(db: app.db, clients: app.pinned.clients, pageCache: app.services.pageCache)
            for round in 0..<6 {
                let article = try await newsroom.create(
                    ArticleContent(title: "Bài đua \(round)", summary: "", body: "Gốc", authorName: "", categoryID: nil, tags: []),
                    site: site, identity: identity, tree: tree)
                let version = article.version
                let outcomes = await withTaskGroup(of: Bool.self) { group in
                    for writer in ["Một", "Hai"] {
                        group.addTask {
                            let content = ArticleContent(
                                title: "Bài đua \(round)", summary: "", body: "Bản của \(writer)", authorName: "", categoryID: nil, tags: [])
                            do {
                                try await newsroom.update(article, content: content, basedOn: version, identity: identity, tree: tree)
                                return true
                            } catch { return false }
                        }
                    }
                    return await group.reduce(into: [Bool]()) { $0.append($1) }
                }
                #expect(outcomes.filter { $0 }.count == 1, "round \(round): \(outcomes)")
                let stored = try #require(try await Article.find(article.requireID(), on: app.db))
                #expect(stored.version == version + 1)
                // A workflow step based on the old version is refused too.
                await #expect(throws: NewsroomService.Failure.self) {
                    try await newsroom.transition(
                        article, .submit, comment: nil, publishAt: nil, expiresAt: nil, basedOn: version, identity: identity, tree: tree)
                }
            }
        }
    }

    /// Two clerks saving one procedure at once: the read-increment-write once made the second a 500.
    @Test(arguments: TestDatabase.engines)
    func ofTwoConcurrentProcedureSavesTheSecondIsRefusedWithItsTextKept(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            _ = try await ProcedureTests.importFixtures(app, site: "tan-phu-dong", decision: "100/QĐ-UBND", day: "2026-01-05")
            let procedure = try #require(try await ProcedureQueries.procedure(code: "1.000101", on: app.db))
            let path = "/quan-tri/thu-tuc/\(try procedure.requireID().uuidString)"
            let password = try await BackOfficeTests.account(app, email: "bt@loa.local", unitCode: "DEMO-TPD", role: .editor)
            let first = try await BackOfficeTests.signIn(client, "bt@loa.local", password)
            let second = try await BackOfficeTests.signIn(client, "bt@loa.local", password)
            let pageA = try await first.get(path), pageB = try await second.get(path)
            let version = String(procedure.version)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for (browser, page, name) in [(first, pageA, "Tên của người thứ nhất"), (second, pageB, "Tên của người thứ hai")] {
                    group.addTask {
                        let fields = ProcedureBackOfficeTests.fields(procedure, site: "tan-phu-dong", changes: ["name": name, "version": version])
                        return try await browser.post(path, fields, csrf: Browser.csrf(in: page.text)).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.sorted { $0.code < $1.code } == [.seeOther, .unprocessableContent])
            let stored = try #require(try await Procedure.find(procedure.requireID(), on: app.db))
            #expect(stored.version == procedure.version + 1)
            // A late save of the old version is refused with the typed name still in the form.
            let late = try await first.post(
                path, ProcedureBackOfficeTests.fields(procedure, site: "tan-phu-dong", changes: ["name": "Tên gửi muộn", "version": version]),
                csrf: Browser.csrf(in: pageA.text))
            #expect(late.status == .unprocessableContent)
            #expect(late.text.contains("đã được người khác lưu sau khi bạn mở"))
            #expect(late.text.contains("Tên gửi muộn"))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aChangeWhoseCacheMarkFailsIsNotSavedAndTheTextIsKept(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let approver = try await Self.approver(app, client)
            let (article, path) = try await Self.draft("Tin trước sự cố", approver, app)
            let form = try await approver.get(path)
            try await app.db.sql.raw("DROP TABLE content_version").run()
            let saved = try await approver.post(
                path,
                [
                    "title": "Tin sau sự cố", "body": "Đoạn viết lúc hỏng", "version": String(article.version),
                ], csrf: Browser.csrf(in: form.text))
            // Not a bare 500: the form comes back with what was typed, and nothing half-saved.
            #expect(saved.status == .serviceUnavailable)
            #expect(saved.text.contains("Đoạn viết lúc hỏng"))
            #expect(try await Article.find(article.requireID(), on: app.db)?.title == "Tin trước sự cố")
        }
    }

    @Test func concurrentQueriesUseSeveralPostgreSQLConnections() async throws {
        guard let engine = TestDatabase.engines.first(where: { if case .postgres = $0 { true } else { false } }) else {
            print("⚠️  LOA_TEST_POSTGRES_URL not set: the PostgreSQL pool is not exercised")
            return
        }
        try await TestApp.run(engine) { app, _ in
            let database = app.services.database
            let pids = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let row = try await database.sql.raw("SELECT pg_backend_pid() AS pid, pg_sleep(0.3)").first()
                        return try #require(row).decode(column: "pid", as: Int.self)
                    }
                }
                return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
            }
            // One connection per event loop (the old pool) could never show more than the loops' count.
            #expect(pids.count > 2, "backends: \(pids.count)")
        }
    }
}
