import FluentKit
import Foundation
import Logging

/// Where a job is in its life (issue #10). `running` jobs carry the instance that claimed them and
/// until when; a lock past that time means the instance died, and the job returns to `queued`.
enum JobState: String, CaseIterable, Sendable {
    case queued, running, done, failed

    var vietnameseName: String {
        switch self {
        case .queued: "Đang chờ"
        case .running: "Đang chạy"
        case .done: "Đã xong"
        case .failed: "Thất bại"
        }
    }
}

/// A job as a worker claimed it.
struct ClaimedJob: Sendable, Equatable {
    var id: UUID
    var kind: String
    /// JSON text, decoded by the handler (`JobContext.payload`).
    var payload: String
    /// Counting this one.
    var attempts: Int
    var maxAttempts: Int
}

/// What a handler gets: its job, a database handle and a logger.
struct JobContext: Sendable {
    var job: ClaimedJob
    var db: any Database
    var logger: Logger

    /// The payload as `T`; a payload that does not decode is an error like any other, so the job is
    /// retried and then kept as failed with the reason, never blocking the jobs behind it.
    func payload<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(job.payload.utf8))
        } catch {
            throw JobPayloadError(kind: job.kind, detail: String(describing: error))
        }
    }
}

struct JobPayloadError: Error, CustomStringConvertible {
    var kind: String
    var detail: String
    var description: String { "the payload of a \(kind) job does not decode: \(detail)" }
}

struct UnknownJobKindError: Error, CustomStringConvertible {
    var kind: String
    var description: String { "no handler is registered for job kind \(kind)" }
}

/// Does one job. Handlers run at least once per job (a worker may die after the effect and before it
/// records "done"), so each must be idempotent: check whether the work is already there first.
typealias JobHandler = @Sendable (JobContext) async throws -> Void
