import FluentKit
import Foundation
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// A change invalidates only the affected site's cached pages (issue #10), on this instance at once and
/// on the others through the recorded changes they read.
@Suite struct PageCacheSiteTests {
    static func site(_ app: TestApp, _ slug: String) async throws -> UUID {
        try #require(try await Site.query(on: app.db).filter(\.$slug == slug).first()).requireID()
    }

    @Test(arguments: TestDatabase.engines)
    func aChangeOfOneSiteLeavesTheOtherSitesPagesCached(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let cache = app.services.pageCache
            cache.invalidateLocally()
            #expect(try await client.execute(uri: "/xa/phu-dong/", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/xa/tan-thoi/", method: .get).status == .ok)
            #expect(cache.count == 2)
            // A menu page of Tân Thới: its pages go, Phú Đông's stay.
            let tanThoi = try await Self.site(app, "tan-thoi")
            try await cache.changingContent(on: app.db, site: tanThoi) { db in
                try await Page(siteID: tanThoi, slug: "lich-tiep-dan", title: "Lịch tiếp dân", body: "Thứ Hai", inMenu: true, position: 5).create(on: db)
            }
            #expect(cache.count == 1)
            let tanThoiPage = try await client.execute(uri: "/xa/tan-thoi/", method: .get)
            #expect(tanThoiPage.text.contains("Lịch tiếp dân"))
            #expect(!(try await client.execute(uri: "/xa/phu-dong/", method: .get)).text.contains("Lịch tiếp dân"))
            #expect(cache.count == 2)
            // A search over every site reads every site: any site's change takes it away.
            #expect(try await client.execute(uri: "/xa/phu-dong/tim-kiem?q=thu+tuc&pham-vi=tat-ca", method: .get).status == .ok)
            #expect(cache.count == 3)
            try await cache.changingContent(on: app.db, site: tanThoi) { db in
                try await Page.query(on: db).filter(\.$slug == "lich-tiep-dan").delete()
            }
            #expect(cache.count == 1, "Phú Đông's home page stays; Tân Thới's and the all-sites search go")
            // A change of no one site (units, procedures…) takes every page.
            try await cache.changingContent(on: app.db) { _ in }
            #expect(cache.count == 0)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func anotherInstanceDropsOnlyTheChangedSitesPagesFromTheRecordedChanges(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, _ in
            let (a, b) = (try await Self.site(app, "tan-thoi"), try await Self.site(app, "phu-dong"))
            // Another instance's cache over the same database, reading the versions at every request.
            let other = PageCache(db: app.db, pollInterval: .zero)
            func fill() async {
                let version = await other.currentVersion()
                for (key, site) in [("a", a), ("b", b), ("none", nil) as (String, UUID?)] {
                    other.put(key, body: .init(string: key), contentType: "text/html", etag: key, renderedAt: version, site: site)
                }
            }
            func cached() async -> Set<String> {
                var keys: Set<String> = []
                for key in ["a", "b", "none"] where await other.get(key) != nil { keys.insert(key) }
                return keys
            }
            await fill()
            #expect(await cached() == ["a", "b", "none"])
            try await app.db.writeTransaction { db in try await PageCache.bump(on: db, site: a) }
            #expect(await cached() == ["b"], "a page of no one site goes with any change")
            await fill()
            try await app.db.writeTransaction { db in try await PageCache.bump(on: db) }
            #expect(await cached() == [])
            // Changes no longer recorded (pruned, or an instance far behind): every page goes.
            await fill()
            try await app.db.writeTransaction { db in try await PageCache.bump(on: db, site: a) }
            try await app.db.sql.raw("DELETE FROM content_changes").run()
            #expect(await cached() == [])
            // A render that began before a change of its site is not stored after it.
            let stale = await other.currentVersion()
            try await app.db.writeTransaction { db in try await PageCache.bump(on: db, site: b) }
            _ = await other.currentVersion()
            other.put("b", body: .init(string: "b"), contentType: "text/html", etag: "b", renderedAt: stale, site: b)
            #expect(await other.get("b") == nil)
        }
    }

    @Test func notificationsCarryTheVersionAndTheSite() {
        let site = UUID()
        #expect(PageCache.parseNotification("42")?.version == 42)
        #expect(PageCache.parseNotification("42")?.site == nil)
        #expect(PageCache.parseNotification("43:\(site.uuidString.lowercased())")?.site == site)
        #expect(PageCache.parseNotification("x") == nil)
    }
}
