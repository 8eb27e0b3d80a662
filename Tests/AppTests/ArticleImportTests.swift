import FluentKit
import Foundation
import LoaCore
import Testing

@testable import App

@Suite struct ArticleImportTests {
    static let lines = [
        #"{"external_id":"old-1","site":"tan-thoi","category":"van-hoa","category_name":"Văn hóa - Xã hội","title":"Lễ hội nghinh Ông xã Tân Thới","summary":"Tóm tắt","body":"Đoạn một.\n\n- ý một","author":"THANH TÂM","published_at":"2024-05-01T08:30:00+07:00","tags":["lễ hội","văn hóa"]}"#,
        #"{"external_id":"old-2","site":"tan-thoi","category":"van-hoa","title":"Lễ hội nghinh Ông xã Tân Thới","body":"Cùng tiêu đề, slug khác.","published_at":"2024-05-02T08:30:00Z"}"#,
        #"{"external_id":"old-3","site":"khong-co","category":"x","title":"Sai trang","body":"b","published_at":"2024-05-02T08:30:00Z"}"#,
        #"{"external_id":"old-4","site":"tan-thoi","category":"x","title":"Sai ngày","body":"b","published_at":"2024-13-02"}"#,
        #"không phải JSON"#,
    ]

    static func parse(_ lines: [String]) -> ([ArticleImportRecord], [RecordError]) {
        var records: [ArticleImportRecord] = []
        var errors: [RecordError] = []
        for (index, line) in lines.enumerated() {
            switch ArticleImportParser.parse(line: line, number: index + 1) {
            case .success(let record): records.append(record)
            case .failure(let error): errors.append(error)
            }
        }
        return (records, errors)
    }

    @Test(arguments: TestDatabase.engines)
    func importCreatesCategoriesReportsBadLinesAndIsIdempotent(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let (records, parseErrors) = Self.parse(Self.lines)
            #expect(parseErrors.map(\.line) == [4, 5])
            let importer = ArticleImporter(db: app.db, clients: app.pinned.clients)
            let first = try await importer.run(records, defaultSite: nil)
            #expect(first.created == 2)
            #expect(first.errors.map(\.line) == [3])
            #expect(first.errors.first?.message == "unknown site \"khong-co\"")
            #expect(first.categoriesCreated == 1)

            let imported = try await Article.query(on: app.db).filter(\.$externalID ~~ ["old-1", "old-2"]).sort(\.$externalID).all()
            #expect(imported.map(\.slug) == ["le-hoi-nghinh-ong-xa-tan-thoi", "le-hoi-nghinh-ong-xa-tan-thoi-2"])
            let page = try await client.execute(uri: "/xa/tan-thoi/tin-tuc/le-hoi-nghinh-ong-xa-tan-thoi", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("Văn hóa - Xã hội"))
            #expect(page.text.contains("<li>ý một</li>"))
            let search = try await client.execute(uri: "/xa/tan-thoi/tim-kiem?q=nghinh+ong", method: .get)
            #expect(search.text.contains("Tìm thấy 2 kết quả."))

            // A re-run updates in place: same rows, same slugs, new text indexed.
            var changed = records
            changed[0].title = "Lễ hội nghinh Ông năm 2024"
            let second = try await importer.run(changed, defaultSite: nil)
            #expect(second.created == 0)
            #expect(second.updated == 2)
            #expect(try await Article.query(on: app.db).filter(\.$externalID ~~ ["old-1", "old-2"]).count() == 2)
            let renamed = try await Article.query(on: app.db).filter(\.$externalID == "old-1").first()
            #expect(renamed?.title == "Lễ hội nghinh Ông năm 2024")
            #expect(renamed?.slug == "le-hoi-nghinh-ong-xa-tan-thoi")
            let again = try await client.execute(uri: "/xa/tan-thoi/tim-kiem?q=nam+2024+nghinh", method: .get)
            #expect(again.text.contains("Tìm thấy 1 kết quả."))
            #expect(try await ArticleTag.query(on: app.db).filter(\.$article.$id == renamed!.requireID()).count() == 2)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func siteOptionOverridesTheRecordsSite(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, _ in
            let (records, _) = Self.parse([Self.lines[2]])
            let report = try await ArticleImporter(db: app.db, clients: app.pinned.clients).run(records, defaultSite: "phu-tan")
            #expect(report.created == 1)
            let site = try await Site.query(on: app.db).filter(\.$slug == "phu-tan").first()
            #expect(try await Article.query(on: app.db).filter(\.$externalID == "old-3").first()?.$site.id == site?.id)
        }
    }
}
