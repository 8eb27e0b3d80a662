import FluentKit
import Foundation
import SQLKit
import Synchronization
import Testing

@testable import App

/// Issue #8, fault drill: views counted while the database refuses writes are written by a later flush.
@Suite struct ViewCounterFaultTests {
    @Test(arguments: TestDatabase.engines)
    func viewsOfAFailedFlushAreWrittenByTheNextOne(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, _ in
            let outage = Outage()
            let counter = ViewCounter(db: app.db, sites: app.services.sites, now: app.pinned.clients.now, beforeWrite: { try outage.check() })
            let site = try #require(try await Site.query(on: app.db).filter(\.$slug == "tan-phu-dong").first())
            let articles = try await Article.query(on: app.db).filter(\.$site.$id == site.requireID()).sort(\.$slug).limit(2).all()
            try #require(articles.count == 2)
            for _ in 0..<3 { counter.record(site: .slug("tan-phu-dong"), slug: articles[0].slug) }
            counter.record(site: .slug("tan-phu-dong"), slug: articles[1].slug)

            outage.isDown = true
            await #expect(throws: Outage.Down.self) { try await counter.flush() }
            #expect(counter.pendingViews == 4)
            counter.record(site: .slug("tan-phu-dong"), slug: articles[0].slug)
            await #expect(throws: Outage.Down.self) { try await counter.flush() }

            outage.isDown = false
            try await counter.flush()
            #expect(counter.pendingViews == 0)
            #expect(try await views(of: articles[0], on: app.db) == 4)
            #expect(try await views(of: articles[1], on: app.db) == 1)
            #expect(counter.droppedViews == 0)
        }
    }

    /// While the database stays down, the counter keeps at most `maximumPendingKeys` article-days;
    /// views of those already kept still count, views of new ones are dropped and counted as dropped.
    @Test(arguments: TestDatabase.engines)
    func anOutageCannotGrowTheCounterWithoutLimit(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, _ in
            let outage = Outage()
            outage.isDown = true
            let counter = ViewCounter(db: app.db, sites: app.services.sites, now: app.pinned.clients.now, beforeWrite: { try outage.check() })
            let limit = ViewCounter.maximumPendingKeys
            for index in 0..<(limit + 10) { counter.record(site: .slug("tan-thoi"), slug: "bai-\(index)") }
            await #expect(throws: Outage.Down.self) { try await counter.flush() }
            counter.record(site: .slug("tan-thoi"), slug: "bai-0")
            #expect(counter.pendingViews == limit + 1)
            #expect(counter.droppedViews == 10)
        }
    }

    private func views(of article: Article, on db: any Database) async throws -> Int {
        let rows = try await (db as! any SQLDatabase).raw("SELECT views FROM article_views WHERE article_id = \(bind: article.requireID())").all()
        return try rows.reduce(0) { $0 + (try $1.decode(column: "views", as: Int.self)) }
    }
}

/// A database outage the test switches on and off.
private final class Outage: Sendable {
    struct Down: Error {}
    private let down = Mutex(false)
    var isDown: Bool {
        get { down.withLock { $0 } }
        set { down.withLock { $0 = newValue } }
    }
    func check() throws { if isDown { throw Down() } }
}
