import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Periodic work that must run on one instance only (issue #10): scheduled publication now; the radio
/// playout and closing contest rounds later. Features give theirs through `Feature.singletonTasks`.
struct SingletonTask: Sendable {
    var name: String
    /// Time between two runs, measured on the injectable clock.
    var interval: TimeInterval
    var run: @Sendable () async throws -> Void
}

/// Holds the lease `name` when it can and, only while holding it, runs the tasks that are due.
/// `step()` is one renewal and round of due tasks; the service calls it every few seconds and tests call
/// it with the clock moved by hand.
final class SingletonScheduler: Sendable {
    static let leaseName = "singleton"
    let lease: Lease
    let database: DatabaseStack
    let tasks: [SingletonTask]
    let logger: Logger
    /// When each task last ran (or when this instance started, so nothing runs the instant it starts).
    private let lastRun: Mutex<[String: Date]>

    init(lease: Lease, database: DatabaseStack, tasks: [SingletonTask], logger: Logger) {
        self.lease = lease
        self.database = database
        self.tasks = tasks
        self.logger = logger
        let start = lease.now()
        lastRun = Mutex(Dictionary(tasks.map { ($0.name, start) }, uniquingKeysWith: { first, _ in first }))
    }

    /// Renews (or takes) the lease, then runs the due tasks if it is held; returns whether it is.
    /// A failed renewal counts as not holding: two instances must never both believe they hold it.
    @discardableResult
    func step() async -> Bool {
        let holding: Bool
        do {
            holding = try await lease.acquire(on: database.db)
        } catch {
            logger.error("singleton lease not renewed; its work pauses here", metadata: ["error": "\(String(reflecting: error))"])
            return false
        }
        guard holding else { return false }
        for task in tasks {
            let now = lease.now()
            let due = lastRun.withLock { ($0[task.name] ?? .distantPast).addingTimeInterval(task.interval) <= now }
            guard due else { continue }
            lastRun.withLock { $0[task.name] = now }
            do {
                try await task.run()
            } catch {
                logger.error("singleton task failed; run again at its next turn", metadata: ["task": "\(task.name)", "error": "\(String(reflecting: error))"])
            }
        }
        return true
    }

    /// Gives the lease up so another instance takes over without waiting for it to expire.
    func release() async {
        do {
            try await lease.release(on: database.db)
        } catch {
            logger.warning("singleton lease not released; another instance takes over when it expires", metadata: ["error": "\(String(reflecting: error))"])
        }
    }
}

/// Renews the singleton lease every `renewInterval` (well inside its time to live) and runs the due
/// tasks while holding it; releases it on graceful shutdown.
struct SingletonService: Service {
    let scheduler: SingletonScheduler
    let renewInterval: Duration

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            await scheduler.step()
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: renewInterval) }
            } catch {
                break
            }
        }
        // A cancelled group (not a graceful stop) may already have closed the database: the lease then
        // simply expires, as it would if this process had died.
        guard !Task.isCancelled else { return }
        await scheduler.release()
    }
}
