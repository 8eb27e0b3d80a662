import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// The media library (upload, alternative text, caption) and each site's home-page slideshow (issue #3).
/// Anyone who may write drafts for a site may upload to its library; editors manage its slideshow.
struct AdminMediaController: Sendable {
    let database: DatabaseStack
    /// Taken per use: the next event loop's connections, the request's logger.
    var db: any Database { database.db }
    let renderer: PageRenderer
    let sites: SiteDirectory
    let library: MediaLibrary
    let pageCache: PageCache

    struct LibraryPage: Sendable {
        struct Item: Sendable { var thumbnail, alt, caption, site, href, markdown, size, uploaded: String }
        var shell: AdminShell
        var action = AdminPage.media.link
        var sites: [SelectOption]
        var alt, caption: String
        var errors: [FieldProblem]
        var items: [Item]
        var hasRenditions: Bool
    }

    struct MediaFormPage: Sendable {
        var shell: AdminShell
        var action: String
        var thumbnail, markdown, dimensions: String
        var alt, caption: String
        var errors: [FieldProblem]
    }

    struct SlidesPage: Sendable {
        struct Row: Sendable { var thumbnail, alt, caption, link, site: String; var position: Int; var deleteAction: String }
        var shell: AdminShell
        var action = AdminPage.slides.link
        var sites: [SelectOption]
        var media: [SelectOption]
        var caption, link: String
        var position: Int
        var errors: [FieldProblem]
        var rows: [Row]
    }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.media.rawValue)) { request, context in
            try await list(context, fields: nil, errors: [], notice: AdminNotice.message(in: request))
        }
        group.post(RouterPath(AdminRoute.media.rawValue)) { request, context in try await upload(request, context) }
        group.get(RouterPath(AdminRoute.mediaItem.rawValue)) { _, context in try await edit(context, fields: nil, errors: []) }
        group.post(RouterPath(AdminRoute.mediaItem.rawValue)) { request, context in try await saveText(request, context) }
        group.get(RouterPath(AdminRoute.slides.rawValue)) { request, context in
            try await slides(context, fields: nil, errors: [], notice: AdminNotice.message(in: request))
        }
        group.post(RouterPath(AdminRoute.slides.rawValue)) { request, context in try await addSlide(request, context) }
        group.post(RouterPath(AdminRoute.deleteSlide.rawValue)) { _, context in try await deleteSlide(context) }
    }

    private func sitesAllowing(_ action: Action, _ identity: Identity, _ tree: UnitTree) async throws -> [SiteInfo] {
        return try await sites.all().filter { identity.can(action, in: tree, unit: $0.unitID) }
    }

    // MARK: Library

    private func list(_ context: AppRequestContext, fields: MultipartForm?, errors: [FieldProblem], notice: String? = nil) async throws -> Response {
        let identity = try context.requireIdentity()
        let allowed = try await sitesAllowing(.writeDraft, identity, try context.units())
        guard !allowed.isEmpty else { throw AppError.forbidden("Bạn không có quyền dùng thư viện ảnh.") }
        let rows = try await Media.query(on: db).filter(\.$site.$id ~~ allowed.map(\.id)).sort(\.$createdAt, .descending).limit(200).all()
        let selected = fields?.text("site") ?? allowed.first?.slug
        let model = LibraryPage(
            shell: AdminShell(identity: identity, title: "Thư viện ảnh", current: .media, notice: notice),
            sites: allowed.map { SelectOption(value: $0.slug, label: $0.name, selected: $0.slug == selected) },
            alt: fields?.text("alt") ?? "", caption: fields?.text("caption") ?? "", errors: errors,
            items: rows.compactMap { media in
                guard let id = media.id else { return nil }
                return LibraryPage.Item(
                    thumbnail: MediaLibrary.path(id: id, format: media.imageFormat, width: media.widths.first),
                    alt: media.alt, caption: media.caption,
                    site: allowed.first { $0.id == media.$site.id }?.name ?? "",
                    href: AdminPage.mediaItem(id: id.uuidString).link,
                    markdown: Self.markdown(media),
                    size: "\(media.width) × \(media.height), \(max(1, media.bytes / 1024)) KB",
                    uploaded: media.createdAt.map(VietnameseDate.dayTime) ?? "")
            },
            hasRenditions: library.vipsthumbnail != nil)
        return try renderer.response(model, template: "admin/media", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// What an editor pastes into a body to show this image.
    static func markdown(_ media: Media) -> String {
        guard let id = media.id else { return "" }
        let caption = media.caption.isEmpty ? "" : " \"\(media.caption.replacingOccurrences(of: "\"", with: "'"))\""
        return "![\(media.alt.replacingOccurrences(of: "]", with: ")"))](\(MediaLibrary.path(id: id, format: media.imageFormat))\(caption))"
    }

    private func upload(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try MultipartForm.from(request, context: context)
        let allowed = try await sitesAllowing(.writeDraft, identity, try context.units())
        guard let site = allowed.first(where: { $0.slug == form.text("site") }) else {
            throw AppError.forbidden("Bạn không có quyền tải ảnh lên thư viện của trang thông tin này.")
        }
        var problems = [
            FieldCheck.text(form.text("alt"), field: "alt", label: "Mô tả ảnh (văn bản thay thế)", required: true, max: 300),
            FieldCheck.text(form.text("caption"), field: "caption", label: "Chú thích", required: false, max: 500),
        ].compactMap { $0 }
        guard let file = form.file("file") else {
            problems.append(FieldProblem(field: "file", message: "Vui lòng chọn một tệp ảnh."))
            return try await list(context, fields: form, errors: problems)
        }
        // The size is known before the file is read into memory.
        if file.size > ImageProbe.maxBytes {
            problems.append(FieldProblem(field: "file", message: ImageProbe.Refusal.tooLarge(limit: ImageProbe.maxBytes).message))
        }
        guard problems.isEmpty else { return try await list(context, fields: form, errors: problems) }
        switch try await library.store(
            file.bytes, originalName: file.filename, alt: form.text("alt"), caption: form.text("caption"),
            siteID: site.id, userID: identity.userID)
        {
        case .refused(let refusal):
            return try await list(context, fields: form, errors: [FieldProblem(field: "file", message: refusal.message)])
        case .stored:
            return .redirect(to: AdminPage.media.link + "?tb=\(AdminNotice.uploaded.rawValue)", type: .normal)
        }
    }

    private func media(_ context: AppRequestContext, _ identity: Identity) async throws -> Media {
        let allowed = try await sitesAllowing(.writeDraft, identity, try context.units())
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)), let media = try await Media.find(id, on: db),
            allowed.contains(where: { $0.id == media.$site.id })
        else { throw AppError.notFound }
        return media
    }

    private func edit(_ context: AppRequestContext, fields: FormFields?, errors: [FieldProblem]) async throws -> Response {
        let identity = try context.requireIdentity()
        let media = try await media(context, identity)
        let id = try media.requireID()
        let model = MediaFormPage(
            shell: AdminShell(identity: identity, title: "Sửa thông tin ảnh", current: .media),
            action: AdminPage.mediaItem(id: id.uuidString).link,
            thumbnail: MediaLibrary.path(id: id, format: media.imageFormat, width: media.widths.first),
            markdown: Self.markdown(media), dimensions: "\(media.width) × \(media.height)",
            alt: fields?["alt"] ?? media.alt, caption: fields?["caption"] ?? media.caption, errors: errors)
        return try renderer.response(model, template: "admin/media-form", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func saveText(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let media = try await media(context, identity)
        let fields = try await FormFields.from(request, context: context)
        let problems = [
            FieldCheck.text(fields.text("alt"), field: "alt", label: "Mô tả ảnh (văn bản thay thế)", required: true, max: 300),
            FieldCheck.text(fields.text("caption"), field: "caption", label: "Chú thích", required: false, max: 500),
        ].compactMap { $0 }
        guard problems.isEmpty else { return try await edit(context, fields: fields, errors: problems) }
        media.alt = fields.text("alt")
        media.caption = fields.text("caption")
        try await pageCache.changingContent(on: db) { db in try await media.save(on: db) }
        return .redirect(to: AdminPage.media.link + "?tb=\(AdminNotice.saved.rawValue)", type: .normal)
    }

    // MARK: Slideshow

    private func slides(_ context: AppRequestContext, fields: FormFields?, errors: [FieldProblem], notice: String? = nil) async throws -> Response {
        let identity = try context.requireIdentity()
        let allowed = try await sitesAllowing(.editOthersContent, identity, try context.units())
        guard !allowed.isEmpty else { throw AppError.forbidden("Bạn không có quyền quản lý trình chiếu.") }
        let slides = try await Slide.query(on: db).filter(\.$site.$id ~~ allowed.map(\.id)).with(\.$media)
            .sort(\.$position).sort(\.$createdAt).all()
        let media = try await Media.query(on: db).filter(\.$site.$id ~~ allowed.map(\.id)).sort(\.$createdAt, .descending).limit(200).all()
        let selectedSite = fields?.text("site") ?? allowed.first?.slug
        let model = SlidesPage(
            shell: AdminShell(identity: identity, title: "Trình chiếu trang chủ", current: .slides, notice: notice),
            sites: allowed.map { SelectOption(value: $0.slug, label: $0.name, selected: $0.slug == selectedSite) },
            media: media.compactMap { item in
                item.id.map { SelectOption(value: $0.uuidString, label: item.alt, selected: $0.uuidString == fields?.text("media")) }
            },
            caption: fields?["caption"] ?? "", link: fields?["link"] ?? "",
            position: fields.map { RequestNumber.clamped($0.text("position"), to: 0...1000, fallback: 10) } ?? 10, errors: errors,
            rows: slides.compactMap { slide in
                guard let id = slide.id, let mediaID = slide.media.id else { return nil }
                return SlidesPage.Row(
                    thumbnail: MediaLibrary.path(id: mediaID, format: slide.media.imageFormat, width: slide.media.widths.first),
                    alt: slide.media.alt, caption: slide.caption, link: slide.link,
                    site: allowed.first { $0.id == slide.$site.id }?.name ?? "", position: slide.position,
                    deleteAction: AdminPage.deleteSlide(id: id.uuidString).link)
            })
        return try renderer.response(model, template: "admin/slides", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func addSlide(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let fields = try await FormFields.from(request, context: context)
        let allowed = try await sitesAllowing(.editOthersContent, identity, try context.units())
        guard let site = allowed.first(where: { $0.slug == fields.text("site") }) else {
            throw AppError.forbidden("Bạn không có quyền quản lý trình chiếu của trang thông tin này.")
        }
        var problems = [
            FieldCheck.text(fields.text("caption"), field: "caption", label: "Chú thích", required: true, max: 300),
            FieldCheck.text(fields.text("link"), field: "link", label: "Liên kết", required: false, max: 500),
        ].compactMap { $0 }
        var media: Media?
        if let mediaID = UUID(uuidString: fields.text("media")) { media = try await Media.find(mediaID, on: db) }
        if media == nil || media?.$site.id != site.id {
            problems.append(FieldProblem(field: "media", message: "Vui lòng chọn một ảnh trong thư viện của chính trang thông tin này."))
        }
        let link = fields.text("link")
        if !link.isEmpty,
            MarkdownHTML.safeURL(link) == nil || !(link.hasPrefix("/") || link.lowercased().hasPrefix("https://") || link.lowercased().hasPrefix("http://"))
        {
            problems.append(FieldProblem(field: "link", message: "Liên kết phải là đường dẫn trong trang (bắt đầu bằng /) hoặc địa chỉ http(s)://."))
        }
        guard problems.isEmpty, let media, let mediaID = media.id else { return try await slides(context, fields: fields, errors: problems) }
        let position = RequestNumber.clamped(fields.text("position"), to: 0...1000, fallback: 10)
        let slide = Slide(siteID: site.id, mediaID: mediaID, caption: fields.text("caption"), link: link, position: position)
        try await pageCache.changingContent(on: db, site: site.id) { db in try await slide.create(on: db) }
        return .redirect(to: AdminPage.slides.link + "?tb=\(AdminNotice.saved.rawValue)", type: .normal)
    }

    private func deleteSlide(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let allowed = try await sitesAllowing(.editOthersContent, identity, try context.units())
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)), let slide = try await Slide.find(id, on: db),
            allowed.contains(where: { $0.id == slide.$site.id })
        else { throw AppError.notFound }
        try await pageCache.changingContent(on: db, site: slide.$site.id) { db in try await slide.delete(on: db) }
        return .redirect(to: AdminPage.slides.link + "?tb=\(AdminNotice.saved.rawValue)", type: .normal)
    }
}
