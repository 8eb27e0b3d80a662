import FluentKit
import Foundation
import LoaCore
import Synchronization
import Testing

@testable import App

/// Singleton work (issue #10): one lease row, taken and renewed by compare-and-set, decides which
/// instance runs it; time is driven by the pinned clock, never by sleeping.
@Suite struct SingletonLeaseTests {
    /// Which instance ran the task, in order.
    final class Runs: Sendable {
        private let names = Mutex<[String]>([])
        func append(_ name: String) { names.withLock { $0.append(name) } }
        var all: [String] { names.withLock { $0 } }
    }

    @Test(arguments: TestDatabase.engines)
    func theHolderRenewsAndAnotherInstanceTakesOverOnlyAfterExpiry(engine: TestDatabase) async throws {
        try await TestApp.run(engine, demo: false) { app, _ in
            let now = app.pinned.clients.now
            let a = Lease(name: "test-duty", holder: "instance-a", ttl: 10, now: now)
            let b = Lease(name: "test-duty", holder: "instance-b", ttl: 10, now: now)

            #expect(try await a.acquire(on: app.db))
            #expect(try await b.acquire(on: app.db) == false)
            app.pinned.advance(by: 5)
            #expect(try await a.acquire(on: app.db), "A renews: now held until +15 s")
            app.pinned.advance(by: 9)
            #expect(try await b.acquire(on: app.db) == false, "at +14 s A's renewal still holds")
            #expect(try await Lease.holder(of: "test-duty", on: app.db)?.holder == "instance-a")

            // A stops renewing (its instance died): B takes over once the lease has expired.
            app.pinned.advance(by: 2)
            #expect(try await b.acquire(on: app.db))
            #expect(try await a.acquire(on: app.db) == false, "A, back, must not take it from B")
            #expect(try await Lease.holder(of: "test-duty", on: app.db)?.holder == "instance-b")

            // Released on shutdown, it is free at once.
            try await b.release(on: app.db)
            #expect(try await a.acquire(on: app.db))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func singletonTasksRunOnlyOnTheInstanceHoldingTheLease(engine: TestDatabase) async throws {
        try await TestApp.run(engine, demo: false) { app, _ in
            let runs = Runs()
            let scheduler = { (instance: String) in
                SingletonScheduler(
                    lease: Lease(name: "test-singleton", holder: instance, ttl: 15, now: app.pinned.clients.now), database: app.services.database,
                    tasks: [SingletonTask(name: "tick", interval: 10) { runs.append(instance) }], logger: TestDatabase.logger)
            }
            let a = scheduler("instance-a")
            let b = scheduler("instance-b")

            #expect(await a.step())
            #expect(await b.step() == false)
            #expect(runs.all.isEmpty, "nothing is due the instant an instance starts")
            app.pinned.advance(by: 10)
            #expect(await a.step())
            #expect(await b.step() == false)
            #expect(runs.all == ["instance-a"])

            // A dies; within the lease's 15 s nobody runs the task, then B does.
            app.pinned.advance(by: 10)
            #expect(await b.step() == false)
            app.pinned.advance(by: 6)
            #expect(await b.step())
            #expect(runs.all == ["instance-a", "instance-b"])
        }
    }

    @Test(arguments: TestDatabase.engines)
    func scheduledPublicationRunsAsSingletonWorkOnTheLeaseHolderOnly(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let approver = try await ReviewFaultTests.approver(app, client)
            let (article, path) = try await ReviewFaultTests.draft("Tin hẹn giờ Wombatville", approver, app)
            let csrf = Browser.csrf(in: try await approver.get(path).text)
            let scheduled = try await approver.post(
                path + "/chuyen-trang-thai", ["transition": "publish", "publish_at": "2026-03-15T09:30"], csrf: csrf)
            #expect(scheduled.status == .seeOther)

            // The news feature gives scheduled publication as singleton work, no longer as a service of its own.
            let options = BuildOptions(scheduleInterval: .seconds(10))
            let tasks = NewsFeature().singletonTasks(app.services, options: options, logger: TestDatabase.logger)
            #expect(tasks.map(\.name) == ["scheduled-publication"])
            let services = NewsFeature().backgroundServices(app.services, options: options, logger: TestDatabase.logger)
            #expect(!services.contains { String(describing: type(of: $0)).contains("ScheduledPublication") })

            // A lease of three hours, so the two hours the clock jumps stay inside it.
            let scheduler = { (instance: String) in
                SingletonScheduler(
                    lease: Lease(name: "test-news", holder: instance, ttl: 3 * 3600, now: app.pinned.clients.now), database: app.services.database,
                    tasks: NewsFeature().singletonTasks(app.services, options: options, logger: TestDatabase.logger), logger: TestDatabase.logger)
            }
            let holder = scheduler("instance-a")
            let other = scheduler("instance-b")
            #expect(await holder.step())
            app.pinned.advance(by: 2 * 3600)  // 10:00 in Vietnam: the article is due
            #expect(await other.step() == false)
            let waiting = try #require(try await Article.find(article.requireID(), on: app.db))
            #expect(waiting.status == ArticleState.scheduled.rawValue, "the instance without the lease did not publish it")
            #expect(await holder.step())
            let published = try #require(try await Article.find(article.requireID(), on: app.db))
            #expect(published.status == ArticleState.published.rawValue)
        }
    }
}
