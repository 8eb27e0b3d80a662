import FluentKit
import Foundation
import LoaCore
import SQLKit
import Testing

@testable import App

/// Issue #8, items 7 and 8: what an import file or the database can do wrong must cost only the lines
/// concerned, each reported with its number, and a re-import must respect the newsroom's state.
@Suite struct ArticleImportFaultTests {
    static func line(_ id: String, title: String, body: String = "Nội dung.", site: String = "tan-thoi") -> String {
        #"{"external_id":"\#(id)","site":"\#(site)","category":"tin-tuc-su-kien","title":"\#(title)","body":"\#(body)","published_at":"2024-05-01T08:30:00+07:00","tags":["nhập"]}"#
    }

    @Test(arguments: TestDatabase.engines)
    func aRepeatedExternalIDIsReportedWithItsLineAndTheRestIsImported(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, _ in
            let lines =
                (1...7).map { Self.line("dup-\($0)", title: "Bài số \($0)") } + [Self.line("dup-2", title: "Bài lặp mã")]
                + (8...9).map { Self.line("dup-\($0)", title: "Bài số \($0)") }
            let (records, parseErrors) = ArticleImportTests.parse(lines)
            #expect(parseErrors.isEmpty)
            var importer = ArticleImporter(db: app.db, clients: app.pinned.clients)
            importer.batchSize = 3  // the repeat falls inside a batch, with valid lines before and after it
            let report = try await importer.run(records, defaultSite: nil)

            #expect(report.created == 9)
            #expect(report.errors.map(\.line) == [8])
            #expect(report.errors.first?.message == "external_id \"dup-2\" is already on line 2; line skipped")
            let imported = try await Article.query(on: app.db).filter(\.$externalID ~~ (1...9).map { "dup-\($0)" }).all()
            #expect(imported.count == 9)
            #expect(imported.first { $0.externalID == "dup-2" }?.title == "Bài số 2")
            #expect(try await Article.query(on: app.db).filter(\.$title == "").count() == 0)
        }
    }

    /// A row the database refuses (here a slug another writer took after the import loaded the taken
    /// slugs) fails its batch; the batch is redone line by line and only that line is lost.
    @Test(arguments: TestDatabase.engines)
    func aLineTheDatabaseRefusesCostsOnlyThatLine(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, _ in
            let lines = [Self.line("db-1", title: "Bài một"), Self.line("db-2", title: "Bài bị chiếm địa chỉ"), Self.line("db-3", title: "Bài ba")]
            let (records, _) = ArticleImportTests.parse(lines)
            var session = try await ArticleImporter(db: app.db, clients: app.pinned.clients).session()
            let site = try #require(try await Site.query(on: app.db).filter(\.$slug == "tan-thoi").first())
            try await Article(
                siteID: site.requireID(), unitID: site.$unit.id, title: "Bài khác", slug: "bai-bi-chiem-dia-chi",
                summary: "", body: "x", authorName: "", publishedAt: PinnedClients.start
            ).create(on: app.db)

            try await session.add(records, defaultSite: nil)

            #expect(session.report.created == 2)
            #expect(session.report.errors.map(\.line) == [2])
            #expect(session.report.errors.first?.message.hasPrefix("not saved: ") == true)
            let saved = try await Article.query(on: app.db).filter(\.$externalID ~~ ["db-1", "db-2", "db-3"]).all().compactMap(\.externalID)
            #expect(saved.sorted() == ["db-1", "db-3"])
        }
    }

    @Test(arguments: TestDatabase.engines)
    func reimportingAWithdrawnArticleKeepsItWithdrawnAndRecordsTheTextItReplaced(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let importer = ArticleImporter(db: app.db, clients: app.pinned.clients)
            let (first, _) = ArticleImportTests.parse([Self.line("rut-1", title: "Thông báo tuyển dụng viên chức", body: "Bản gốc.")])
            _ = try await importer.run(first, defaultSite: nil)
            let article = try #require(try await Article.query(on: app.db).filter(\.$externalID == "rut-1").first())
            article.status = ArticleState.unpublished.rawValue
            try await article.save(on: app.db)
            try await SearchIndex(db: app.db).update(article)

            let (again, _) = ArticleImportTests.parse([Self.line("rut-1", title: "Thông báo tuyển dụng viên chức", body: "Bản sửa.")])
            let report = try await importer.run(again, defaultSite: nil)
            #expect(report.updated == 1)

            let after = try #require(try await Article.find(article.requireID(), on: app.db))
            #expect(after.status == ArticleState.unpublished.rawValue)
            #expect(after.body == "Bản sửa.")
            #expect(
                try await (app.db as! any SQLDatabase).select().column("article_id").from("search_documents")
                    .where("article_id", .equal, article.requireID()).all().isEmpty)
            let search = try await client.execute(uri: "/xa/tan-thoi/tim-kiem?q=tuyen+dung+vien+chuc", method: .get)
            #expect(search.text.contains("Thông báo tuyển dụng viên chức") == false)
            let revisions = try await ArticleRevision.query(on: app.db).filter(\.$article.$id == article.requireID()).sort(\.$number).all()
            #expect(revisions.map(\.body) == ["Bản gốc.", "Bản sửa."])
            #expect(revisions.map(\.editorName) == ["loa import", "loa import"])

            // The same text again changes nothing and adds no revision.
            _ = try await importer.run(again, defaultSite: nil)
            #expect(try await ArticleRevision.query(on: app.db).filter(\.$article.$id == article.requireID()).count() == 2)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func reimportingAPublishedArticleKeepsItInSearchWithTheNewText(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let importer = ArticleImporter(db: app.db, clients: app.pinned.clients)
            let (first, _) = ArticleImportTests.parse([Self.line("dang-1", title: "Lịch tiếp công dân", body: "Thứ hai.")])
            _ = try await importer.run(first, defaultSite: nil)
            let (again, _) = ArticleImportTests.parse([Self.line("dang-1", title: "Lịch tiếp công dân tháng năm", body: "Thứ ba.")])
            _ = try await importer.run(again, defaultSite: nil)
            let search = try await client.execute(uri: "/xa/tan-thoi/tim-kiem?q=tiep+cong+dan+thang+nam", method: .get)
            #expect(search.text.contains("Tìm thấy 1 kết quả."))
            let article = try #require(try await Article.query(on: app.db).filter(\.$externalID == "dang-1").first())
            #expect(article.status == ArticleState.published.rawValue)
            #expect(article.version == 2)
        }
    }
}
