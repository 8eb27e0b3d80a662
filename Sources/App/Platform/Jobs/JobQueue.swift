import FluentKit
import Foundation
import LoaCore
import Logging
import SQLKit

/// The job queue in the database (issue #10, docs/decisions/0021-job-queue.md). Every instance runs the
/// same queue over the same table; a job is claimed by one of them at a time: on PostgreSQL with
/// `FOR UPDATE SKIP LOCKED`, on SQLite inside the single writer's transaction.
struct JobQueue: Sendable {
    let database: DatabaseStack
    /// Who holds a claimed job's lock: this process (`AppServices.instanceID`).
    let instanceID: String
    let handlers: [String: JobHandler]
    let now: @Sendable () -> Date
    let logger: Logger
    /// How long a claim lasts. A job still running after this is taken to be orphaned by a dead instance
    /// and runs again elsewhere, so it must be longer than any job takes.
    var lockDuration: TimeInterval = 300
    var backoff = RetryBackoff()
    /// A random draw in 0...1 for the backoff's jitter; tests pin it.
    var jitter: @Sendable () -> Double = { Double.random(in: 0...1) }

    static let defaultMaxAttempts = 5
    /// Error text kept with a job, bounded so a handler's huge message cannot bloat the table.
    static let maxErrorLength = 2000

    // MARK: Enqueue

    /// Adds a job on `db`, which may be the caller's transaction: the job then exists exactly when the
    /// change that asked for it committed. With a `dedupeKey` already used, nothing is added and false
    /// is returned: the same logical work is one job.
    @discardableResult
    static func enqueue<Payload: Encodable>(
        _ kind: String, payload: Payload, dedupeKey: String? = nil, maxAttempts: Int = defaultMaxAttempts, runAt: Date, now: Date,
        on db: any Database
    ) async throws -> Bool {
        let json = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        let rows = try await db.sql.raw(
            """
            INSERT INTO jobs (id, kind, payload, state, attempts, max_attempts, run_at, dedupe_key, created_at)
            VALUES (\(bind: UUID()), \(bind: kind), \(bind: json), \(bind: JobState.queued.rawValue), 0, \(bind: max(1, maxAttempts)),
                    \(bind: runAt), \(bind: dedupeKey), \(bind: now))
            ON CONFLICT (dedupe_key) DO NOTHING
            RETURNING id
            """
        ).all()
        return !rows.isEmpty
    }

    // MARK: Claim

    /// Claims up to `limit` due jobs for this instance, first returning orphaned ones to the queue.
    func claim(limit: Int) async throws -> [ClaimedJob] {
        let now = now()
        let until = now.addingTimeInterval(lockDuration)
        return try await database.db.writeTransaction { [instanceID, isSQLite = database.isSQLite] db in
            try await Self.releaseExpiredLocks(at: now, on: db)
            let claim: SQLQueryString = """
                UPDATE jobs SET state = \(bind: JobState.running.rawValue), attempts = attempts + 1,
                    locked_by = \(bind: instanceID), locked_until = \(bind: until)
                WHERE state = \(bind: JobState.queued.rawValue) AND id IN (SELECT id FROM due)
                RETURNING id, kind, payload, attempts, max_attempts
                """
            let due: SQLQueryString = """
                SELECT id FROM jobs WHERE state = \(bind: JobState.queued.rawValue) AND run_at <= \(bind: now)
                ORDER BY run_at, created_at, id LIMIT \(bind: max(1, limit))
                """
            // PostgreSQL: concurrent claimers skip each other's rows. The CTE is MATERIALIZED so the locking
            // subquery runs once; as a plain `IN (subquery)` the planner may run it again per row, which
            // claimed more rows than the limit in a test. SQLite has one writer at a time: the write
            // transaction is what keeps two claims apart.
            let statement: SQLQueryString =
                isSQLite
                ? "WITH due AS (" + due + ") " + claim
                : "WITH due AS MATERIALIZED (" + due + " FOR UPDATE SKIP LOCKED) " + claim
            let rows = try await db.sql.raw(statement).all()
            return try rows.map { row in
                ClaimedJob(
                    id: try row.decode(column: "id", as: UUID.self), kind: try row.decode(column: "kind", as: String.self),
                    payload: try row.decode(column: "payload", as: String.self), attempts: try row.decode(column: "attempts", as: Int.self),
                    maxAttempts: try row.decode(column: "max_attempts", as: Int.self))
            }
        }
    }

    /// Running jobs whose lock ran out (their instance died or hung) go back to the queue, or become
    /// failed when that was their last attempt.
    static func releaseExpiredLocks(at now: Date, on db: any Database) async throws {
        try await db.sql.raw(
            """
            UPDATE jobs SET
                state = CASE WHEN attempts >= max_attempts THEN \(bind: JobState.failed.rawValue) ELSE \(bind: JobState.queued.rawValue) END,
                finished_at = CASE WHEN attempts >= max_attempts THEN \(bind: now) ELSE NULL END,
                last_error = 'the lock of ' || locked_by || ' expired before the job finished',
                run_at = \(bind: now), locked_by = NULL, locked_until = NULL
            WHERE state = \(bind: JobState.running.rawValue) AND locked_until < \(bind: now)
            """
        ).run()
    }

    // MARK: Run

    /// Runs one claimed job and records its outcome. Never throws: a job that fails is retried later or
    /// kept as failed; a database that cannot record the outcome leaves the lock to expire.
    func run(_ job: ClaimedJob) async {
        do {
            guard let handler = handlers[job.kind] else { throw UnknownJobKindError(kind: job.kind) }
            try await handler(JobContext(job: job, db: database.db, logger: logger))
            try await complete(job)
        } catch {
            do {
                try await recordFailure(job, error: String(describing: error))
            } catch let recording {
                logger.error(
                    "job outcome not recorded; its lock will expire and it runs again",
                    metadata: ["job": "\(job.id)", "error": "\(String(reflecting: recording))"])
            }
        }
    }

    private func complete(_ job: ClaimedJob) async throws {
        try await database.sql.raw(
            """
            UPDATE jobs SET state = \(bind: JobState.done.rawValue), finished_at = \(bind: now()), last_error = NULL,
                locked_by = NULL, locked_until = NULL
            WHERE id = \(bind: job.id) AND locked_by = \(bind: instanceID) AND state = \(bind: JobState.running.rawValue)
            """
        ).run()
    }

    private func recordFailure(_ job: ClaimedJob, error: String) async throws {
        let now = now()
        let message = String(error.prefix(Self.maxErrorLength))
        let final = job.attempts >= job.maxAttempts
        let retryAt = now.addingTimeInterval(backoff.delay(afterAttempt: job.attempts, jitter: jitter()))
        LoaMetrics.jobFailed(kind: job.kind, final: final)
        logger.warning(
            final ? "job failed for good" : "job failed; retried later",
            metadata: ["job": "\(job.id)", "kind": "\(job.kind)", "attempt": "\(job.attempts)", "error": "\(message)"])
        try await database.sql.raw(
            """
            UPDATE jobs SET state = \(bind: (final ? JobState.failed : .queued).rawValue), last_error = \(bind: message),
                run_at = \(bind: final ? now : retryAt), finished_at = \(bind: final ? now : nil),
                locked_by = NULL, locked_until = NULL
            WHERE id = \(bind: job.id) AND locked_by = \(bind: instanceID) AND state = \(bind: JobState.running.rawValue)
            """
        ).run()
    }

    /// Claims up to `limit` jobs and runs them side by side; returns how many ran.
    @discardableResult
    func runBatch(limit: Int) async throws -> Int {
        let jobs = try await claim(limit: limit)
        await withTaskGroup(of: Void.self) { group in
            for job in jobs { group.addTask { await run(job) } }
        }
        return jobs.count
    }

    /// Runs every job due now, one after another, until none is left; returns how many ran. Tests use
    /// it to drain the queue where a worker would have polled. Retries wait for their backoff, so a
    /// failing job is not run again here unless the clock moves.
    @discardableResult
    func runDue(limit: Int = 10_000) async throws -> Int {
        var ran = 0
        while ran < limit {
            let jobs = try await claim(limit: 1)
            guard !jobs.isEmpty else { break }
            for job in jobs { await run(job) }
            ran += jobs.count
        }
        return ran
    }
}
