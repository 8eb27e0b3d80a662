import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// Static pages and the main menu of each site (issue #3). Editors and approvers of a site's unit
/// write them; what they write shows in the menu at once.
struct AdminPagesController: Sendable {
    let database: DatabaseStack
    /// Taken per use: the next event loop's connections, the request's logger.
    var db: any Database { database.db }
    let renderer: PageRenderer
    let sites: SiteDirectory
    let pageCache: PageCache

    struct PagesPage: Sendable {
        struct Row: Sendable { var title, site, href, publicHref: String; var inMenu: Bool }
        var shell: AdminShell
        var newHref = AdminPage.newPage.link
        var rows: [Row]
    }

    struct PageFormPage: Sendable {
        var shell: AdminShell
        var heading: String
        var action: String
        var isNew: Bool
        var sites: [SelectOption]
        var title, slug, body: String
        var inMenu: Bool
        var position: Int
        var errors: [FieldProblem]
    }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.pages.rawValue)) { _, context in try await list(context) }
        group.get(RouterPath(AdminRoute.newPage.rawValue)) { _, context in try await form(context, page: nil, fields: nil, errors: []) }
        group.post(RouterPath(AdminRoute.newPage.rawValue)) { request, context in try await save(request, context, page: nil) }
        group.get(RouterPath(AdminRoute.page.rawValue)) { _, context in try await form(context, page: try await page(context), fields: nil, errors: []) }
        group.post(RouterPath(AdminRoute.page.rawValue)) { request, context in try await save(request, context, page: try await page(context)) }
    }

    private func editableSites(_ identity: Identity, _ tree: UnitTree) async throws -> [SiteInfo] {
        return try await sites.all().filter { identity.can(.editOthersContent, in: tree, unit: $0.unitID) }
    }

    private func page(_ context: AppRequestContext) async throws -> Page {
        let identity = try context.requireIdentity()
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)), let page = try await Page.find(id, on: db),
            try await editableSites(identity, try context.units()).contains(where: { $0.id == page.$site.id })
        else { throw AppError.notFound }
        return page
    }

    private func list(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let editable = try await editableSites(identity, try context.units())
        guard !editable.isEmpty else { throw AppError.forbidden("Bạn không có quyền biên tập trang tĩnh.") }
        let pages = try await Page.query(on: db).filter(\.$site.$id ~~ editable.map(\.id)).sort(\.$position).sort(\.$title).all()
        let rows = try pages.map { page in
            let site = editable.first { $0.id == page.$site.id }
            let mount: SiteMount = site.map { $0.isPrimary ? .root : .underPrefix($0.slug) } ?? .root
            return PagesPage.Row(
                title: page.title, site: site?.name ?? "", href: AdminPage.page(id: try page.requireID().uuidString).link,
                publicHref: mount.path(.page(slug: page.slug)), inMenu: page.inMenu)
        }
        return try renderer.response(
            PagesPage(shell: AdminShell(identity: identity, title: "Trang tĩnh", current: .pages), rows: rows), template: "admin/pages")
    }

    private func form(_ context: AppRequestContext, page: Page?, fields: FormFields?, errors: [FieldProblem]) async throws -> Response {
        let identity = try context.requireIdentity()
        let editable = try await editableSites(identity, try context.units())
        guard !editable.isEmpty else { throw AppError.forbidden("Bạn không có quyền biên tập trang tĩnh.") }
        let selected = fields?["site"] ?? editable.first { $0.id == page?.$site.id }?.slug ?? editable.first?.slug
        let model = PageFormPage(
            shell: AdminShell(identity: identity, title: page == nil ? "Thêm trang tĩnh" : "Sửa trang tĩnh", current: .pages),
            heading: page == nil ? "Thêm trang tĩnh" : "Sửa trang tĩnh",
            action: page.flatMap { $0.id }.map { AdminPage.page(id: $0.uuidString).link } ?? AdminPage.newPage.link,
            isNew: page == nil,
            sites: editable.map { SelectOption(value: $0.slug, label: $0.name, selected: $0.slug == selected) },
            title: fields?["title"] ?? page?.title ?? "", slug: fields?["slug"] ?? page?.slug ?? "", body: fields?["body"] ?? page?.body ?? "",
            inMenu: fields.map { $0["in_menu"] == "1" } ?? page?.inMenu ?? true,
            position: fields.map { RequestNumber.clamped($0.text("position"), to: 0...1000, fallback: 10) } ?? page?.position ?? 10,
            errors: errors)
        return try renderer.response(model, template: "admin/page-form", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func save(_ request: Request, _ context: AppRequestContext, page: Page?) async throws -> Response {
        let identity = try context.requireIdentity()
        let fields = try await FormFields.from(request, context: context)
        let editable = try await editableSites(identity, try context.units())
        guard let site = page.flatMap({ page in editable.first { $0.id == page.$site.id } }) ?? editable.first(where: { $0.slug == fields.text("site") }) else {
            throw AppError.forbidden("Bạn không có quyền biên tập trang tĩnh của trang thông tin này.")
        }
        let title = fields.text("title")
        let slug = VietnameseText.slug(fields.text("slug").isEmpty ? title : fields.text("slug"))
        var problems = [
            FieldCheck.text(title, field: "title", label: "Tiêu đề", required: true, max: 200),
            FieldCheck.text(fields["body"], field: "body", label: "Nội dung", required: true, max: 100_000),
        ].compactMap { $0 }
        if slug.isEmpty, !title.isEmpty { problems.append(FieldProblem(field: "slug", message: "Đường dẫn phải có chữ hoặc số.")) }
        var sameSlug = Page.query(on: db).filter(\.$site.$id == site.id).filter(\.$slug == slug)
        if let id = page?.id { sameSlug = sameSlug.filter(\.$id != id) }
        if !slug.isEmpty, try await sameSlug.count() > 0 {
            problems.append(FieldProblem(field: "slug", message: "Đường dẫn «\(slug)» đã được dùng cho trang khác."))
        }
        guard problems.isEmpty else { return try await form(context, page: page, fields: fields, errors: problems) }
        let model = page ?? Page(siteID: site.id, slug: slug, title: title, body: "", inMenu: true, position: 10)
        model.title = title
        model.slug = slug
        model.body = fields["body"] ?? ""
        model.inMenu = fields["in_menu"] == "1"
        model.position = RequestNumber.clamped(fields.text("position"), to: 0...1000, fallback: 10)
        try await pageCache.changingContent(on: db, site: site.id) { db in try await model.save(on: db) }
        await sites.invalidate()
        return .redirect(to: AdminPage.pages.link, type: .normal)
    }
}
