import FluentKit
import Foundation
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

@Suite struct SearchTests {
    /// Adds a published article to the district site and indexes it.
    static func publish(_ app: TestApp, title: String, summary: String = "", body: String = "Nội dung.", daysAgo: Double = 1) async throws {
        let site = try #require(try await Site.query(on: app.db).filter(\.$slug == "tan-phu-dong").first())
        let article = Article(
            siteID: try site.requireID(), unitID: site.$unit.id, title: title,
            slug: try await ArticleSlugs.available(VietnameseText.slug(title), siteID: site.requireID(), on: app.db),
            summary: summary, body: body, authorName: "PV", publishedAt: PinnedClients.start.addingTimeInterval(-daysAgo * 86_400))
        try await article.create(on: app.db)
        article.$tags.value = []
        try await SearchIndex(db: app.db).update(article)
    }

    static func titles(in html: String) -> [String] {
        html.components(separatedBy: "<h2><a href=\"").dropFirst().compactMap { chunk in
            chunk.split(separator: ">", maxSplits: 1).last.map { String($0.prefix { $0 != "\n" }) }
        }.map { $0.replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "").components(separatedBy: "</a>")[0] }
    }

    @Test(arguments: TestDatabase.engines)
    func foldedQueriesFindVietnameseText(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            try await Self.publish(app, title: "Đường giao thông nông thôn xã Tân Thới")
            // The seed's article (dated 2020, behind newer ones on "cải cách") is named by its words.
            for query in ["cai+cach+hanh+chinh+nam+2020", "C%E1%BA%A3i+c%C3%A1ch+h%C3%A0nh+ch%C3%ADnh+n%C4%83m+2020", "CAI+CACH+NAM+2020"] {
                let page = try await client.execute(uri: "/tim-kiem?q=\(query)", method: .get)
                #expect(page.status == .ok)
                #expect(page.text.contains("Công tác tuyên truyền về <mark>cải</mark> <mark>cách</mark>"), "\(query)")
            }
            // đ folds to d both ways.
            let road = try await client.execute(uri: "/tim-kiem?q=duong+giao", method: .get)
            #expect(Self.titles(in: road.text) == ["Đường giao thông nông thôn xã Tân Thới"])
            // A form sends spaces as "+"; the box and the title show the words, not the plus signs.
            #expect(road.text.contains("value=\"duong giao\""))
            #expect(road.text.contains("<title>Tìm kiếm: duong giao |"))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func exactDiacriticsRankAboveFoldedMatches(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            // Both fold to "tan phu"; the newer one has the other diacritics.
            try await Self.publish(app, title: "Tấn Phú mở rộng đường", daysAgo: 0.1)
            try await Self.publish(app, title: "Tân Phú mở rộng đường", daysAgo: 5)
            let exact = try await client.execute(uri: "/tim-kiem?q=T%C3%A2n+Ph%C3%BA+m%E1%BB%9F+r%E1%BB%99ng", method: .get)
            #expect(Self.titles(in: exact.text).prefix(2) == ["Tân Phú mở rộng đường", "Tấn Phú mở rộng đường"])
            let folded = try await client.execute(uri: "/tim-kiem?q=tan+phu+mo+rong", method: .get)
            #expect(Self.titles(in: folded.text).prefix(2) == ["Tấn Phú mở rộng đường", "Tân Phú mở rộng đường"])
        }
    }

    @Test(arguments: TestDatabase.engines)
    func searchIsPerSiteUnlessAskedForAll(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { _, client in
            let local = try await client.execute(uri: "/xa/tan-thoi/tim-kiem?q=niem+yet", method: .get)
            #expect(local.text.contains("Tìm thấy 1 kết quả."))
            let all = try await client.execute(uri: "/xa/tan-thoi/tim-kiem?q=niem+yet&pham-vi=tat-ca", method: .get)
            // Two district articles mention it (both in this category) and each of the six communes posts one.
            #expect(all.text.contains("Tìm thấy 8 kết quả."))
            let district = try await client.execute(uri: "/tim-kiem?q=niem+yet&chuyen-muc=cai-cach-hanh-chinh", method: .get)
            #expect(district.text.contains("Tìm thấy 2 kết quả."))
            let past = try await client.execute(uri: "/tim-kiem?q=niem+yet&den=2020-01-01", method: .get)
            #expect(past.text.contains("Không tìm thấy kết quả nào"))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func hostileQueriesAreAnsweredPolitely(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { _, client in
            let hostile = [
                "", "%22", "%27%29%3B+DROP+TABLE+articles%3B--", "a%22+OR+%22b", "***", "NEAR%28a+b%29", "%28%28%28",
                "%3Cscript%3Ealert%281%29%3C%2Fscript%3E", String(repeating: "a", count: 10_000),
            ]
            for query in hostile {
                let response = try await client.execute(uri: "/tim-kiem?q=\(query)", method: .get)
                #expect(response.status == .ok, "\(query.prefix(40))")
                #expect(!response.text.contains("<script>alert"))
            }
            let empty = try await client.execute(uri: "/tim-kiem?q=", method: .get)
            #expect(empty.text.contains("Nhập từ khóa để tìm tin, bài."))
            let junk = try await client.execute(uri: "/tim-kiem?q=***", method: .get)
            #expect(junk.text.contains("Từ khóa chỉ gồm ký tự đặc biệt."))
        }
    }
}
