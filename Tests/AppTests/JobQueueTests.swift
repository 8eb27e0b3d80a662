import FluentKit
import Foundation
import SQLKit
import Synchronization
import Testing

@testable import App

/// The job queue in the database (issue #10), on both engines: claims that never overlap, retries with
/// backoff, poison jobs, orphaned locks, and enqueuing inside the caller's transaction.
@Suite struct JobQueueTests {
    struct Numbered: Codable, Sendable {
        var n: Int
    }

    /// How many times each job's effect happened, by job number.
    final class Effects: Sendable {
        private let counts = Mutex<[Int: Int]>([:])
        func record(_ n: Int) { counts.withLock { $0[n, default: 0] += 1 } }
        var all: [Int: Int] { counts.withLock { $0 } }
    }

    struct Broken: Error, CustomStringConvertible {
        var description: String { "máy chủ ảnh không trả lời" }
    }

    struct Row: Sendable {
        var state: String
        var attempts: Int
        var lastError: String?
        var runAt: Date
        var finishedAt: Date?
    }

    static func queue(_ app: TestApp, on stack: DatabaseStack? = nil, instance: String, handlers: [String: JobHandler]) -> JobQueue {
        var queue = JobQueue(
            database: stack ?? app.services.database, instanceID: instance, handlers: handlers, now: app.pinned.clients.now,
            logger: TestDatabase.logger)
        queue.jitter = { 0 }
        return queue
    }

    static func enqueue(_ app: TestApp, _ kind: String, n: Int, maxAttempts: Int = 5, dedupeKey: String? = nil) async throws -> Bool {
        let now = app.pinned.clients.now()
        return try await JobQueue.enqueue(kind, payload: Numbered(n: n), dedupeKey: dedupeKey, maxAttempts: maxAttempts, runAt: now, now: now, on: app.db)
    }

    static func rows(_ app: TestApp, kind: String) async throws -> [Row] {
        try await app.db.sql.raw("SELECT state, attempts, last_error, run_at, finished_at FROM jobs WHERE kind = \(bind: kind) ORDER BY created_at, id")
            .all().map { row in
                Row(
                    state: try row.decode(column: "state", as: String.self), attempts: try row.decode(column: "attempts", as: Int.self),
                    lastError: try row.decode(column: "last_error", as: String?.self), runAt: try row.decode(column: "run_at", as: Date.self),
                    finishedAt: try row.decode(column: "finished_at", as: Date?.self))
            }
    }

    static func counting(_ effects: Effects) -> [String: JobHandler] {
        [
            "test.count": { context in
                let payload = try context.payload(Numbered.self)
                // Give the other worker a chance to interleave between claim and completion.
                await Task.yield()
                effects.record(payload.n)
            }
        ]
    }

    @Test(arguments: TestDatabase.engines)
    func twoWorkersOnOneDatabaseRunEachOf200JobsExactlyOnce(engine: TestDatabase) async throws {
        try await TestApp.run(engine, demo: false) { app, _ in
            for n in 0..<200 { #expect(try await Self.enqueue(app, "test.count", n: n)) }
            // A second instance: its own connections to the same database, its own instance id.
            let other = try await DatabaseStack.open(app.services.configuration.database, logger: TestDatabase.logger)
            let effects = Effects()
            let a = Self.queue(app, instance: "instance-a", handlers: Self.counting(effects))
            let b = Self.queue(app, on: other, instance: "instance-b", handlers: Self.counting(effects))
            let drain: @Sendable (JobQueue) async throws -> Int = { queue in
                var ran = 0
                while true {
                    let batch = try await queue.runBatch(limit: 4)
                    guard batch > 0 else { return ran }
                    ran += batch
                }
            }
            do {
                async let ranA = drain(a)
                async let ranB = drain(b)
                let total = try await ranA + ranB
                #expect(total == 200)
                await other.shutdown()
            } catch {
                await other.shutdown()
                throw error
            }
            #expect(effects.all.count == 200)
            #expect(effects.all.values.allSatisfy { $0 == 1 })
            let rows = try await Self.rows(app, kind: "test.count")
            #expect(rows.count == 200)
            #expect(rows.allSatisfy { $0.state == "done" && $0.attempts == 1 })
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aFailingJobIsRetriedWithBackoffThenKeptAsFailedWithItsError(engine: TestDatabase) async throws {
        try await TestApp.run(engine, demo: false) { app, _ in
            let queue = Self.queue(app, instance: "a", handlers: ["test.fail": { _ in throw Broken() }])
            _ = try await Self.enqueue(app, "test.fail", n: 1, maxAttempts: 3)
            let start = app.pinned.clients.now()

            #expect(try await queue.runDue() == 1)
            var row = try #require(try await Self.rows(app, kind: "test.fail").first)
            #expect(row.state == "queued" && row.attempts == 1)
            #expect(row.lastError == "máy chủ ảnh không trả lời")
            // First retry after half of 5 s (the jitter pinned at 0), then doubling.
            #expect(abs(row.runAt.timeIntervalSince(start) - 2.5) < 0.01)
            #expect(try await queue.runDue() == 0, "not due before its backoff")

            app.pinned.advance(by: 2.5)
            #expect(try await queue.runDue() == 1)
            row = try #require(try await Self.rows(app, kind: "test.fail").first)
            #expect(row.state == "queued" && row.attempts == 2)
            #expect(abs(row.runAt.timeIntervalSince(start) - 7.5) < 0.01)

            app.pinned.advance(by: 5)
            #expect(try await queue.runDue() == 1)
            row = try #require(try await Self.rows(app, kind: "test.fail").first)
            #expect(row.state == "failed" && row.attempts == 3)
            #expect(row.lastError == "máy chủ ảnh không trả lời")
            #expect(row.finishedAt != nil)

            app.pinned.advance(by: 86_400)
            #expect(try await queue.runDue() == 0, "a failed job stays failed")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func poisonJobsDoNotBlockTheJobsBehindThem(engine: TestDatabase) async throws {
        try await TestApp.run(engine, demo: false) { app, _ in
            let effects = Effects()
            let queue = Self.queue(app, instance: "a", handlers: Self.counting(effects))
            let now = app.pinned.clients.now()
            // A payload that does not decode, and a kind nobody handles, queued before a good job.
            try await JobQueue.enqueue("test.count", payload: ["nothing": "useful"], runAt: now, now: now, on: app.db)
            app.pinned.advance(by: 1)
            try await JobQueue.enqueue("test.nobody", payload: Numbered(n: 0), runAt: now, now: now, on: app.db)
            app.pinned.advance(by: 1)
            _ = try await Self.enqueue(app, "test.count", n: 7)

            #expect(try await queue.runDue() == 3)
            #expect(effects.all == [7: 1])
            let poison = try await Self.rows(app, kind: "test.count")
            #expect(poison.map(\.state) == ["queued", "done"])
            #expect(poison[0].lastError?.contains("does not decode") == true)
            let orphan = try #require(try await Self.rows(app, kind: "test.nobody").first)
            #expect(orphan.lastError == "no handler is registered for job kind test.nobody")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aJobWhoseInstanceDiedIsClaimedAgainWhenItsLockExpires(engine: TestDatabase) async throws {
        try await TestApp.run(engine, demo: false) { app, _ in
            let effects = Effects()
            let a = Self.queue(app, instance: "instance-a", handlers: Self.counting(effects))
            let b = Self.queue(app, instance: "instance-b", handlers: Self.counting(effects))
            _ = try await Self.enqueue(app, "test.count", n: 1)

            // A claims the job and dies before running it.
            let claimed = try await a.claim(limit: 10)
            #expect(claimed.count == 1)
            #expect(try await b.runDue() == 0, "the lock is still valid")

            app.pinned.advance(by: a.lockDuration + 1)
            #expect(try await b.runDue() == 1)
            #expect(effects.all == [1: 1])
            let row = try #require(try await Self.rows(app, kind: "test.count").first)
            #expect(row.state == "done" && row.attempts == 2)

            // A's late report of the job changes nothing: the job is no longer its own.
            await a.run(claimed[0])
            #expect(try await Self.rows(app, kind: "test.count").first?.state == "done")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func anOrphanedJobOnItsLastAttemptIsKeptAsFailed(engine: TestDatabase) async throws {
        try await TestApp.run(engine, demo: false) { app, _ in
            let a = Self.queue(app, instance: "instance-a", handlers: Self.counting(Effects()))
            _ = try await Self.enqueue(app, "test.count", n: 1, maxAttempts: 1)
            #expect(try await a.claim(limit: 1).count == 1)
            app.pinned.advance(by: a.lockDuration + 1)
            #expect(try await a.runDue() == 0)
            let row = try #require(try await Self.rows(app, kind: "test.count").first)
            #expect(row.state == "failed")
            #expect(row.lastError == "the lock of instance-a expired before the job finished")
        }
    }

    @Test(arguments: TestDatabase.engines)
    func enqueueFollowsTheCallersTransactionAndDedupeKeysMakeOneJob(engine: TestDatabase) async throws {
        try await TestApp.run(engine, demo: false) { app, _ in
            let now = app.pinned.clients.now()
            struct Abandoned: Error {}
            await #expect(throws: Abandoned.self) {
                try await app.db.writeTransaction { db in
                    try await JobQueue.enqueue("test.count", payload: Numbered(n: 1), runAt: now, now: now, on: db)
                    throw Abandoned()
                }
            }
            #expect(try await Self.rows(app, kind: "test.count").isEmpty)
            let added = try await app.db.writeTransaction { db in
                try await JobQueue.enqueue("test.count", payload: Numbered(n: 2), runAt: now, now: now, on: db)
            }
            #expect(added)
            #expect(try await Self.rows(app, kind: "test.count").count == 1)

            #expect(try await Self.enqueue(app, "test.count", n: 3, dedupeKey: "same-work"))
            #expect(try await Self.enqueue(app, "test.count", n: 3, dedupeKey: "same-work") == false)
            #expect(try await Self.rows(app, kind: "test.count").count == 2)
        }
    }
}
