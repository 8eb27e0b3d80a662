import FluentKit
import Foundation
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

@Suite struct PublicPagesTests {
    @Test(arguments: TestDatabase.engines)
    func homePageIsTheDistrictPortal(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { _, client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<html lang=\"vi\">"))
                // The skip link is the first focusable element of the page.
                let firstLink = html.range(of: "<a ")!
                #expect(html[firstLink.lowerBound...].hasPrefix("<a class=\"skip-link\" href=\"#noi-dung\">"))
                #expect(html.contains("Trang thông tin điện tử huyện Tân Phú Đông"))
                #expect(html.contains("Cơ quan chủ quản: Ủy ban nhân dân huyện Tân Phú Đông"))
                #expect(html.contains("href=\"/xa/tan-thoi/\""))
                #expect(html.contains("Công tác tuyên truyền về cải cách hành chính năm 2020"))
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func articlePageCarriesDublinCoreAndThePenName(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { _, client in
            let slug = "tap-huan-nghiep-vu-kiem-soat-thu-tuc-hanh-chinh-cho-can-bo-mot-cua-cac-xa"
            try await client.execute(uri: "/tin-tuc/\(slug)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<meta name=\"DC.title\" content=\"Tập huấn nghiệp vụ"))
                #expect(response.text.contains("<link rel=\"canonical\" href=\"http://loa.test/tin-tuc/\(slug)\">"))
                #expect(response.text.contains("<p class=\"author\">THU HƯƠNG</p>"))
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func communeSitesLiveUnderTheirPrefix(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { _, client in
            for slug in DemoWorld.communes.map(\.slug) {
                try await client.execute(uri: "/xa/\(slug)/", method: .get) { response in
                    #expect(response.status == .ok, "site \(slug)")
                    #expect(response.text.contains("href=\"/xa/\(slug)/tin-tuc\""))
                }
            }
            try await client.execute(uri: "/xa/tan-thoi/tin-tuc/xa-tan-thoi-niem-yet-cong-khai-bo-thu-tuc-hanh-chinh-cap-xa", method: .get) {
                #expect($0.status == .ok)
            }
            // An article of one site is not served under another.
            try await client.execute(uri: "/xa/tan-phu/tin-tuc/xa-tan-thoi-niem-yet-cong-khai-bo-thu-tuc-hanh-chinh-cap-xa", method: .get) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func unknownPagesAreVietnamese404sWithHeaders(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { _, client in
            for uri in ["/khong-ton-tai", "/xa/khong-co/", "/tin-tuc/khong-co-bai-nay", "/tin-tuc?trang=999", "/tin-tuc?trang=-1"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(response.text.contains("Không tìm thấy trang"))
                    #expect(response.headers[.contentSecurityPolicy] != nil)
                }
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func sitemapListsEveryPublicPageOfSitesAtThisAddress(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { _, client in
            try await client.execute(uri: "/sitemap.xml", method: .get) { response in
                #expect(response.status == .ok)
                let xml = response.text
                #expect(xml.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
                #expect(xml.contains("<loc>http://loa.test/tin-tuc/tap-huan-nghiep-vu-kiem-soat-thu-tuc-hanh-chinh-cho-can-bo-mot-cua-cac-xa</loc>"))
                #expect(xml.contains("<loc>http://loa.test/xa/phu-tan/</loc>"))
                // Per site: 7 pages (with the plans and the events calendar), 3 categories, and the CCHC hub, procedure
                // catalogue and document library (issue #4; no procedure or document in the demo); the district's
                // static page; 4 district articles, the 16 of the demo plan's year and 6 commune articles.
                #expect(xml.components(separatedBy: "<url>").count - 1 == 7 * (7 + 3 + 3) + 1 + 4 + 16 + 6)
                #expect(xml.contains("<loc>http://loa.test/trang/co-cau-to-chuc</loc>"))
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func healthReportsTheDatabase(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { _, client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("\"database\":\"ok\""))
                #expect(response.text.contains("\"engine\":\"\(engine.testDescription)\""))
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func markupInContentIsShownAsText(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let site = try await Site.query(on: app.db).filter(\.$slug == "tan-phu-dong").first()!
            try await Article(
                siteID: site.requireID(), unitID: site.$unit.id, title: "<script>alert(1)</script> tiêu đề",
                slug: "thu-xss", summary: "\" onmouseover=\"alert(2)",
                body: "<img src=x onerror=alert(3)>\n\n- <a href=\"javascript:alert(4)\">x</a>", authorName: "<b>X</b>",
                publishedAt: PinnedClients.start.addingTimeInterval(-60)
            ).create(on: app.db)
            try await client.execute(uri: "/tin-tuc/thu-xss", method: .get) { response in
                let html = response.text
                #expect(response.status == .ok)
                #expect(!html.contains("<script>alert"))
                #expect(!html.contains("<img src=x"))
                #expect(!html.contains("<a href=\"javascript:"))
                #expect(!html.contains("content=\"\" onmouseover"))
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(html.contains("&lt;img src=x onerror=alert(3)&gt;"))
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func serverErrorsShowAReferenceAndNoInternals(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            // Break the database under the running app: the home page query now fails.
            try await app.services.database.sql.raw("ALTER TABLE articles RENAME TO articles_gone").run()
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .internalServerError)
                #expect(response.text.contains("Hệ thống đang gặp sự cố"))
                #expect(response.text.contains("Mã tham chiếu:"))
                #expect(!response.text.lowercased().contains("articles"))
                #expect(!response.text.contains("no such table"))
                #expect(!response.text.contains("SQL"))
                #expect(response.headers[.contentSecurityPolicy] != nil)
            }
        }
    }

    @Test func routesBuildPathsTheRouterMatches() {
        #expect(SitePage.article(slug: "a b").relativePath == "tin-tuc/a%20b")
        #expect(SiteMount.underPrefix("tan-thoi").path(.news(page: 2)) == "/xa/tan-thoi/tin-tuc?trang=2")
        #expect(SiteMount.root.path(.home) == "/")
        #expect(AdminRoute.user.link(["id": "42"]) == "/quan-tri/nguoi-dung/42")
        #expect(AdminRoute.dashboard.link() == "/quan-tri")
    }
}

@Suite struct PageCacheTests {
    @Test(arguments: TestDatabase.engines)
    func publicPagesCarryETagsAndAreRefreshedWhenContentChanges(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let first = try await client.execute(uri: "/xa/phu-dong/", method: .get)
            let etag = try #require(first.headers[.eTag])
            #expect(first.headers[.cacheControl] == PublicCacheMiddleware.cacheControl)
            let cached = try await client.execute(uri: "/xa/phu-dong/", method: .get)
            #expect(cached.text == first.text)
            let revalidated = try await client.execute(uri: "/xa/phu-dong/", method: .get, headers: [.ifNoneMatch: etag])
            #expect(revalidated.status == .notModified)
            #expect(revalidated.body.readableBytes == 0)

            // An import (even from another process) bumps the content version; the page is rendered anew.
            let (records, _) = ArticleImportTests.parse([
                #"{"external_id":"pd-1","site":"phu-dong","category":"thong-bao","title":"Thông báo lịch tiếp dân","body":"b","published_at":"2026-03-14T08:00:00+07:00"}"#
            ])
            _ = try await ArticleImporter(db: app.db, clients: app.pinned.clients).run(records, defaultSite: nil)
            // The cache reads the shared version at most once a second.
            try await Task.sleep(for: .milliseconds(1_100))
            let fresh = try await client.execute(uri: "/xa/phu-dong/", method: .get, headers: [.ifNoneMatch: etag])
            #expect(fresh.status == .ok)
            #expect(fresh.text.contains("Thông báo lịch tiếp dân"))
            #expect(fresh.headers[.eTag] != etag)
            // Back-office pages are never cached.
            let admin = try await client.execute(uri: "/quan-tri/dang-nhap", method: .get)
            #expect(admin.headers[.eTag] == nil)
        }
    }
}

@Suite struct FeedTests {
    @Test(arguments: TestDatabase.engines)
    func siteAndCategoryFeedsAreRSS2(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { _, client in
            let site = try await client.execute(uri: "/rss.xml", method: .get)
            #expect(site.status == .ok)
            #expect(site.headers[.contentType] == "application/rss+xml; charset=utf-8")
            #expect(site.text.contains("<rss version=\"2.0\">"))
            #expect(site.text.components(separatedBy: "<item>").count - 1 == 20)
            #expect(site.text.contains("<link>http://loa.test/tin-tuc/tap-huan-nghiep-vu-kiem-soat-thu-tuc-hanh-chinh-cho-can-bo-mot-cua-cac-xa</link>"))
            #expect(site.text.contains("<pubDate>Mon, 09 Mar 2026 08:00:00 +0700</pubDate>"))
            let category = try await client.execute(uri: "/xa/tan-thoi/chuyen-muc/cai-cach-hanh-chinh/rss.xml", method: .get)
            #expect(category.text.contains("<title>Cải cách hành chính - Trang thông tin điện tử xã Tân Thới</title>"))
            #expect(category.text.components(separatedBy: "<item>").count - 1 == 1)
            #expect(try await client.execute(uri: "/chuyen-muc/khong-co/rss.xml", method: .get).status == .notFound)
        }
    }
}
