import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// Dashboard, security audit log and system page.
struct AdminOverviewController: Sendable {
    let database: DatabaseStack
    let renderer: PageRenderer
    let tools: ToolReport
    let configuration: AppConfiguration
    static let auditPageSize = 50

    struct DashboardPage: Sendable {
        struct Stat: Sendable { var label: String; var value: Int }
        var shell: AdminShell
        var unitName: String
        var roles: [String]
        var stats: [Stat]
        /// Articles waiting for this person's approval (issue #3).
        /// nil when nothing waits, so the notice is not shown (Mustache treats 0 as true).
        var waitingForReview: Int?
        var reviewHref: String
        /// Edits of published articles waiting for this person's approval (issue #8).
        var pendingEdits: Int?
        var pendingEditsHref: String
    }

    struct AuditPage: Sendable {
        struct Row: Sendable { var time, iso, kind, actor, subject, ip, detail: String }
        var shell: AdminShell
        var rows: [Row]
        var pager: Pager
    }

    struct SystemPage: Sendable {
        struct Migration: Sendable { var name: String; var batch: Int }
        var shell: AdminShell
        var version: String
        var engine: String
        var dataDirectory: String
        /// Stored fields: the template reads stored properties only (a computed status rendered empty).
        struct ToolRow: Sendable { var name, purpose, status: String }
        var tools: [ToolRow]
        var migrations: [Migration]
        var migrationCount: Int
        var jobsHref = AdminPage.jobs.link
    }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.dashboard.rawValue)) { _, context in try await dashboard(context) }
        group.get(RouterPath(AdminRoute.audit.rawValue)) { request, context in try await audit(request, context) }
        group.get(RouterPath(AdminRoute.system.rawValue)) { _, context in try await system(context) }
    }

    private var db: any Database { database.db }

    /// E-mail is a service, not a program on PATH, but an administrator needs to see it is missing just the same.
    private var mailRow: SystemPage.ToolRow {
        SystemPage.ToolRow(
            name: "Máy chủ email (LOA_SMTP_URL)", purpose: "Gửi mã số và câu trả lời cho người gửi câu hỏi, phản ánh",
            status: configuration.smtpURL.map { "Đã cấu hình: \($0.host ?? ""):\($0.port.map(String.init) ?? "")" }
                ?? "Chưa cấu hình — người gửi chỉ tra cứu được trên trang, không nhận email")
    }

    private func dashboard(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let reviewableUnits = tree.nodes.keys.filter { identity.can(.publish, in: tree, unit: $0) }
        let waiting =
            reviewableUnits.isEmpty
            ? 0
            : try await Article.query(on: db)
                .filter(\.$unit.$id ~~ reviewableUnits).filter(\.$status == ArticleState.submitted.rawValue).count()
        let pendingEdits =
            reviewableUnits.isEmpty
            ? 0
            : try await Article.query(on: db)
                .filter(\.$unit.$id ~~ reviewableUnits).filter(\.$pendingRevisionID != nil).count()
        let page = DashboardPage(
            shell: AdminShell(identity: identity, title: "Bảng điều khiển", current: .dashboard),
            unitName: tree.pathName(of: identity.unitID),
            roles: identity.grants.map { "\($0.role.vietnameseName) — \(tree.nodes[$0.unitID]?.name ?? "?")" },
            stats: [
                .init(label: "Đơn vị", value: try await Unit.query(on: db).count()),
                .init(label: "Trang thông tin", value: try await Site.query(on: db).count()),
                .init(label: "Tin bài", value: try await Article.query(on: db).count()),
                .init(label: "Tài khoản", value: try await User.query(on: db).count()),
            ],
            waitingForReview: waiting == 0 ? nil : waiting,
            reviewHref: AdminPage.articles.link + "?trang-thai=" + ArticleState.submitted.rawValue,
            pendingEdits: pendingEdits == 0 ? nil : pendingEdits,
            pendingEditsHref: AdminPage.articles.link + "?ban-sua=1")
        return try renderer.response(page, template: "admin/dashboard")
    }

    private func audit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        // The log covers every unit's accounts, so only an administrator of a root unit reads it.
        let tree = try context.units()
        let rootScoped = tree.roots.contains { identity.can(.viewAuditLog, in: tree, unit: $0.id) }
        guard rootScoped else { throw AppError.forbidden("Chỉ quản trị hệ thống cấp cao nhất được xem nhật ký bảo mật.") }
        let page = RequestNumber.clamped(request.uri.queryParameters.get("trang"), to: 1...10_000, fallback: 1)
        let events = try await AuditEvent.query(on: db).sort(\.$createdAt, .descending).sort(\.$id)
            .offset(Pagination.offset(page: page, pageSize: Self.auditPageSize)).limit(Pagination.lookaheadLimit(pageSize: Self.auditPageSize)).all()
        let rows = events.prefix(Self.auditPageSize).map { event in
            AuditPage.Row(
                time: VietnameseDate.dayTime(event.createdAt), iso: VietnameseDate.iso8601(event.createdAt),
                kind: AuditKind(rawValue: event.kind)?.vietnameseName ?? event.kind,
                actor: event.actorEmail.isEmpty ? "Hệ thống" : event.actorEmail,
                subject: event.subject, ip: Self.origin(event.ip), detail: event.detail)
        }
        let link = { (n: Int) in AdminPage.audit.link + "?trang=\(n)" }
        let model = AuditPage(
            shell: AdminShell(identity: identity, title: "Nhật ký bảo mật", current: .audit),
            rows: Array(rows), pager: Pager(Pagination(page: page, pageSize: Self.auditPageSize, fetched: events.count), href: link))
        return try renderer.response(model, template: "admin/audit")
    }

    /// Where an event came from: the client's address, or the command that did it (stored as a marker).
    static func origin(_ ip: String) -> String {
        switch ip {
        case "first-start": "Khởi tạo lần đầu"
        case "cli": "Dòng lệnh (CLI)"
        default: ip
        }
    }

    private func system(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        guard identity.canSomewhere(.viewSystem) else { throw AppError.forbidden("Chỉ quản trị hệ thống được xem trang này.") }
        let migrations = try await database.appliedMigrations()
        let page = SystemPage(
            shell: AdminShell(identity: identity, title: "Hệ thống", current: .system),
            version: LoaVersion.current, engine: database.kind.engineName, dataDirectory: configuration.dataDirectory,
            tools: tools.tools.map { SystemPage.ToolRow(name: $0.name, purpose: $0.purpose, status: $0.status) } + [mailRow],
            migrations: migrations.map { .init(name: $0.name, batch: $0.batch) },
            migrationCount: migrations.count)
        return try renderer.response(page, template: "admin/system")
    }
}
