import FluentKit
import Foundation
import SQLKit

/// What the back office shows of the job queue, and its one write: running a failed job again.
enum JobQueries {
    struct Count: Sendable, Equatable {
        var kind: String
        var state: JobState
        var count: Int
    }

    struct FailedJob: Sendable {
        var id: UUID
        var kind: String
        var attempts: Int
        var lastError: String
        var createdAt: Date
        var finishedAt: Date?
    }

    static func counts(on db: any Database) async throws -> [Count] {
        let rows = try await db.sql.raw("SELECT kind, state, COUNT(*) AS n FROM jobs GROUP BY kind, state ORDER BY kind, state").all()
        return try rows.compactMap { row in
            guard let state = JobState(rawValue: try row.decode(column: "state", as: String.self)) else { return nil }
            return Count(kind: try row.decode(column: "kind", as: String.self), state: state, count: try row.decode(column: "n", as: Int.self))
        }
    }

    /// The most recent failed jobs, newest first.
    static func failed(limit: Int, on db: any Database) async throws -> [FailedJob] {
        let rows = try await db.sql.raw(
            """
            SELECT id, kind, attempts, last_error, created_at, finished_at FROM jobs WHERE state = \(bind: JobState.failed.rawValue)
            ORDER BY finished_at DESC, id LIMIT \(bind: limit)
            """
        ).all()
        return try rows.map { row in
            FailedJob(
                id: try row.decode(column: "id", as: UUID.self), kind: try row.decode(column: "kind", as: String.self),
                attempts: try row.decode(column: "attempts", as: Int.self),
                lastError: try row.decode(column: "last_error", as: String?.self) ?? "",
                createdAt: try row.decode(column: "created_at", as: Date.self), finishedAt: try row.decode(column: "finished_at", as: Date?.self))
        }
    }

    /// Puts a failed job back in the queue with a fresh count of attempts; its last error stays visible
    /// until it runs. Returns its kind, or nil when no failed job has this id (already requeued, or done).
    static func retry(id: UUID, now: Date, on db: any Database) async throws -> String? {
        let rows = try await db.sql.raw(
            """
            UPDATE jobs SET state = \(bind: JobState.queued.rawValue), attempts = 0, run_at = \(bind: now), finished_at = NULL,
                locked_by = NULL, locked_until = NULL
            WHERE id = \(bind: id) AND state = \(bind: JobState.failed.rawValue)
            RETURNING kind
            """
        ).all()
        return try rows.first?.decode(column: "kind", as: String.self)
    }
}
