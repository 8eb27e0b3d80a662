import FluentKit

/// The job queue (issue #10, docs/decisions/0021-job-queue.md): work done after the request that asked
/// for it, by whichever instance claims it first. `dedupe_key` is unique, so enqueuing the same logical
/// work twice (the renditions of one image) makes one job; jobs without a key never collide (NULLs differ).
struct M027_CreateJobs: AsyncMigration {
    var name: String { "027_create_jobs" }

    func prepare(on database: any Database) async throws {
        try await database.schema("jobs")
            .id()
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("run_at", .datetime, .required)
            .field("locked_by", .string)
            .field("locked_until", .datetime)
            .field("last_error", .string)
            .field("dedupe_key", .string)
            .field("created_at", .datetime, .required)
            .field("finished_at", .datetime)
            .unique(on: "dedupe_key")
            .create()
        // The claim reads due jobs by state and time; the back office counts by state and kind.
        try await database.sql.raw("CREATE INDEX jobs_due ON jobs (state, run_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("jobs").delete()
    }
}
