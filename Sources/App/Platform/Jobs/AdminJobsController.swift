import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// The job queue in the back office (issue #10): counts by kind and state, failed jobs with their error,
/// and "Chạy lại" to queue a failed job again. For system administrators, like the system page.
struct AdminJobsController: Sendable {
    let database: DatabaseStack
    let renderer: PageRenderer
    let clients: Clients
    static let failedShown = 100

    struct JobsPage: Sendable {
        struct CountRow: Sendable { var kind, state: String; var count: Int }
        struct FailedRow: Sendable { var kind, error, created, createdISO, finished, finishedISO, retryAction: String; var attempts: Int }
        var shell: AdminShell
        var counts: [CountRow]
        var failed: [FailedRow]
        var failedShown: Int
        var systemHref = AdminPage.system.link
    }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.jobs.rawValue)) { request, context in try await list(request, context) }
        group.post(RouterPath(AdminRoute.retryJob.rawValue)) { _, context in try await retry(context) }
    }

    private var db: any Database { database.db }

    private func requireAdministrator(_ context: AppRequestContext) throws -> Identity {
        let identity = try context.requireIdentity()
        guard identity.canSomewhere(.viewSystem) else { throw AppError.forbidden("Chỉ quản trị hệ thống được xem và chạy lại công việc nền.") }
        return identity
    }

    private func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try requireAdministrator(context)
        let failed = try await JobQueries.failed(limit: Self.failedShown, on: db)
        let model = JobsPage(
            shell: AdminShell(identity: identity, title: "Công việc nền", current: .system, notice: AdminNotice.message(in: request)),
            counts: try await JobQueries.counts(on: db).map { .init(kind: $0.kind, state: $0.state.vietnameseName, count: $0.count) },
            failed: failed.map { job in
                JobsPage.FailedRow(
                    kind: job.kind, error: job.lastError, created: VietnameseDate.dayTime(job.createdAt),
                    createdISO: VietnameseDate.iso8601(job.createdAt), finished: job.finishedAt.map(VietnameseDate.dayTime) ?? "",
                    finishedISO: job.finishedAt.map(VietnameseDate.iso8601) ?? "",
                    retryAction: AdminPage.retryJob(id: job.id.uuidString).link, attempts: job.attempts)
            },
            failedShown: Self.failedShown)
        return try renderer.response(model, template: "admin/jobs")
    }

    /// Requeues one failed job and records who did it; a job no longer failed is simply not found.
    private func retry(_ context: AppRequestContext) async throws -> Response {
        let identity = try requireAdministrator(context)
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw AppError.notFound }
        let now = clients.now()
        let clients = clients
        let ip = context.clientIP
        let kind = try await db.writeTransaction { db -> String? in
            guard let kind = try await JobQueries.retry(id: id, now: now, on: db) else { return nil }
            try await AuditLog(db: db, clients: clients).record(
                .jobRetried, actor: identity.actor, subject: kind, ip: ip, detail: id.uuidString.lowercased())
            return kind
        }
        guard kind != nil else { throw AppError.notFound }
        return .redirect(to: AdminPage.jobs.link + "?tb=\(AdminNotice.jobRequeued.rawValue)", type: .normal)
    }
}
