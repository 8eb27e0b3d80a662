import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// The "Liên kết" block of each site (issue #3): editors of a site list other agencies' portals.
struct AdminLinksController: Sendable {
    let database: DatabaseStack
    /// Taken per use: the next event loop's connections, the request's logger.
    var db: any Database { database.db }
    let renderer: PageRenderer
    let sites: SiteDirectory
    let pageCache: PageCache

    struct LinksPage: Sendable {
        struct Row: Sendable { var label, url, site: String; var position: Int; var deleteAction: String }
        var shell: AdminShell
        var action = AdminPage.links.link
        var sites: [SelectOption]
        var label, url: String
        var position: Int
        var errors: [FieldProblem]
        var rows: [Row]
    }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.links.rawValue)) { request, context in
            try await list(context, fields: nil, errors: [], notice: AdminNotice.message(in: request))
        }
        group.post(RouterPath(AdminRoute.links.rawValue)) { request, context in try await add(request, context) }
        group.post(RouterPath(AdminRoute.deleteLink.rawValue)) { _, context in try await delete(context) }
    }

    private func editableSites(_ identity: Identity, _ tree: UnitTree) async throws -> [SiteInfo] {
        let editable = try await sites.all().filter { identity.can(.editOthersContent, in: tree, unit: $0.unitID) }
        guard !editable.isEmpty else { throw AppError.forbidden("Bạn không có quyền quản lý liên kết.") }
        return editable
    }

    private func list(_ context: AppRequestContext, fields: FormFields?, errors: [FieldProblem], notice: String? = nil) async throws -> Response {
        let identity = try context.requireIdentity()
        let editable = try await editableSites(identity, try context.units())
        let links = try await SiteLink.query(on: db).filter(\.$site.$id ~~ editable.map(\.id)).sort(\.$position).sort(\.$label).all()
        let selected = fields?.text("site") ?? editable.first?.slug
        let model = LinksPage(
            shell: AdminShell(identity: identity, title: "Liên kết", current: .links, notice: notice),
            sites: editable.map { SelectOption(value: $0.slug, label: $0.name, selected: $0.slug == selected) },
            label: fields?["label"] ?? "", url: fields?["url"] ?? "https://",
            position: fields.map { RequestNumber.clamped($0.text("position"), to: 0...1000, fallback: 10) } ?? 10, errors: errors,
            rows: links.compactMap { link in
                link.id.map { id in
                    LinksPage.Row(
                        label: link.label, url: link.url, site: editable.first { $0.id == link.$site.id }?.name ?? "",
                        position: link.position, deleteAction: AdminPage.deleteLink(id: id.uuidString).link)
                }
            })
        return try renderer.response(model, template: "admin/links", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func add(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let fields = try await FormFields.from(request, context: context)
        guard let site = try await editableSites(identity, try context.units()).first(where: { $0.slug == fields.text("site") }) else {
            throw AppError.forbidden("Bạn không có quyền quản lý liên kết của trang thông tin này.")
        }
        var problems = [
            FieldCheck.text(fields.text("label"), field: "label", label: "Tên liên kết", required: true, max: 200),
            FieldCheck.text(fields.text("url"), field: "url", label: "Địa chỉ", required: true, max: 500),
        ].compactMap { $0 }
        let url = fields.text("url")
        let lower = url.lowercased()
        if problems.isEmpty, MarkdownHTML.safeURL(url) == nil || !(lower.hasPrefix("https://") || lower.hasPrefix("http://")) || url.count < 12 {
            problems.append(FieldProblem(field: "url", message: "Địa chỉ phải bắt đầu bằng https:// (hoặc http://), ví dụ https://dichvucong.gov.vn."))
        }
        guard problems.isEmpty else { return try await list(context, fields: fields, errors: problems) }
        let position = RequestNumber.clamped(fields.text("position"), to: 0...1000, fallback: 10)
        let siteLink = SiteLink(siteID: site.id, label: fields.text("label"), url: url, position: position)
        try await pageCache.changingContent(on: db, site: site.id) { db in try await siteLink.create(on: db) }
        return .redirect(to: AdminPage.links.link + "?tb=\(AdminNotice.saved.rawValue)", type: .normal)
    }

    private func delete(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let editable = try await editableSites(identity, try context.units())
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)), let link = try await SiteLink.find(id, on: db),
            editable.contains(where: { $0.id == link.$site.id })
        else { throw AppError.notFound }
        try await pageCache.changingContent(on: db, site: link.$site.id) { db in try await link.delete(on: db) }
        return .redirect(to: AdminPage.links.link + "?tb=\(AdminNotice.saved.rawValue)", type: .normal)
    }
}
