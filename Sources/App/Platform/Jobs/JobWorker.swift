import Logging
import ServiceLifecycle

/// Polls the job queue and runs what it claims, a few jobs at a time (issue #10). Started with the
/// server on every instance; the queue's claim keeps two instances off the same job.
struct JobWorker: Service {
    let queue: JobQueue
    /// How long to wait after finding nothing to do (`LOA_JOB_POLL_MS`).
    let interval: Duration
    /// Jobs run side by side at most (`LOA_JOB_CONCURRENCY`).
    let concurrency: Int
    let logger: Logger

    /// On graceful shutdown the batch in hand runs to its end (jobs are short; a job cut off would only
    /// wait out its lock); no new batch is claimed. The first poll waits one interval, so a start never
    /// competes with migrations and first-start seeding.
    func run() async throws {
        while true {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return  // shutting down
            }
            // Keep claiming while there is work, so a backlog drains at full speed, not one batch per interval.
            while !Task.isShuttingDownGracefully {
                do {
                    guard try await queue.runBatch(limit: concurrency) > 0 else { break }
                } catch {
                    logger.error("jobs not claimed; tried again at the next poll", metadata: ["error": "\(String(reflecting: error))"])
                    break
                }
            }
        }
    }
}
