import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// The document library of a site: listing with filters and search, the document page, downloads (issue #4).
extension PublicController {
    static let documentPageSize = 20

    @Sendable func documents(_ r: PublicRequest) async throws -> Response {
        let fields = FormFields(body: r.request.uri.query ?? "")
        func value(_ name: String) -> String? { fields.text(name).isEmpty ? nil : String(fields.text(name).prefix(300)) }
        let raw = fields["q"] ?? ""
        let query = SearchQuery(raw)
        let today = CalendarDay(clients.now())
        let filter = DocumentQueries.Filter(
            form: value("hinh-thuc"), issuingBody: value("co-quan"), year: RequestNumber.parse(value("nam"), in: 1900...2200), sector: value("linh-vuc"),
            query: query.isEmpty ? nil : query)
        let facets = try await DocumentQueries.facets(siteID: r.site.id, today: today, db: db)
        let found = try await DocumentQueries.list(siteID: r.site.id, filter: filter, today: today, db: db)
        let requested = RequestNumber.clamped(fields.text("trang"), to: RequestNumber.pages, fallback: 1)
        let pagination = Pagination(page: requested, pageSize: Self.documentPageSize, total: found.count).clampedToEnd()
        func link(_ n: Int) -> String {
            r.mount.path(.documents)
                + SitePage.query([
                    ("q", raw.isEmpty ? nil : String(raw.prefix(200))), ("hinh-thuc", filter.form), ("co-quan", filter.issuingBody),
                    ("nam", filter.year.map(String.init)), ("linh-vuc", filter.sector), ("trang", n > 1 ? String(n) : nil),
                ])
        }
        func options(_ values: [String], selected: String?, all: String) -> [SelectOption] {
            [SelectOption(value: "", label: all, selected: selected == nil)] + values.map { SelectOption(value: $0, label: $0, selected: $0 == selected) }
        }
        var pageShell = shell(r, current: .documents, title: "Văn bản")
        pageShell.breadcrumbs = [
            MenuItem(label: "Trang chủ", href: r.mount.path(.home)), MenuItem(label: "Văn bản", href: r.mount.path(.documents), current: true),
        ]
        let model = DocumentListPage(
            shell: pageShell, action: r.mount.path(.documents), query: String(raw.prefix(200)),
            forms: options(facets.forms, selected: filter.form, all: "Tất cả hình thức"),
            bodies: options(facets.bodies, selected: filter.issuingBody, all: "Tất cả cơ quan ban hành"),
            years: options(facets.years.map(String.init), selected: filter.year.map(String.init), all: "Tất cả các năm"),
            sectors: options(facets.sectors, selected: filter.sector, all: "Tất cả lĩnh vực"),
            total: found.count,
            rows: found.dropFirst(pagination.offset).prefix(Self.documentPageSize).map { DocumentRow($0, mount: r.mount) },
            pager: Pager(pagination, href: link))
        return try renderer.response(model, template: "public/documents")
    }

    @Sendable func document(_ r: PublicRequest) async throws -> Response {
        let today = CalendarDay(clients.now())
        guard let slug = r.context.parameters.get("slug"),
            let document = try await DocumentQueries.document(siteID: r.site.id, slug: slug, today: today, db: db)
        else { throw AppError.notFound }
        let links = try await DocumentLink.query(on: db).filter(\.$document.$id == document.requireID())
            .with(\.$targetDocument).with(\.$targetProcedure).with(\.$targetArticle).all()
        var related: [MenuItem] = []
        for link in links {
            switch DocumentLink.Relation(rawValue: link.relation) {
            case .replaces, .amends:
                if let target = link.targetDocument, target.$site.id == r.site.id {
                    let verb = link.relation == DocumentLink.Relation.replaces.rawValue ? "Thay thế" : "Sửa đổi, bổ sung"
                    related.append(MenuItem(label: "\(verb) văn bản \(target.number): \(target.summary)", href: r.mount.path(.document(slug: target.slug))))
                }
            case .procedure:
                if let target = link.targetProcedure {
                    related.append(MenuItem(label: "Thủ tục \(target.code): \(target.name)", href: r.mount.path(.procedure(code: target.code))))
                }
            case .article:
                if let target = link.targetArticle, target.$site.id == r.site.id,
                    try await ArticleQueries.article(siteID: r.site.id, slug: target.slug, now: clients.now(), on: db) != nil
                {
                    related.append(MenuItem(label: "Tin bài: \(target.title)", href: r.mount.path(.article(slug: target.slug))))
                }
            case nil: break
            }
        }
        var pageShell = shell(r, current: .document(slug: document.slug), title: "\(document.form) \(document.number)", description: document.summary)
        pageShell.breadcrumbs = [
            MenuItem(label: "Trang chủ", href: r.mount.path(.home)), MenuItem(label: "Văn bản", href: r.mount.path(.documents)),
            MenuItem(label: document.number, href: r.mount.path(.document(slug: document.slug)), current: true),
        ]
        let model = DocumentPage(
            shell: pageShell, document: DocumentRow(document, mount: r.mount),
            files: document.files.map {
                DocumentPage.File(
                    name: $0.displayName, kind: $0.fileKind?.label ?? $0.kind.uppercased(),
                    size: ByteCountFormatter.string(fromByteCount: Int64($0.size), countStyle: .file),
                    href: r.mount.path(.documentFile(slug: document.slug, file: $0.id?.uuidString.lowercased() ?? "")))
            }, related: related, listHref: r.mount.path(.documents),
            askHref: r.mount.path(.feedbackForm) + SitePage.query([("van-ban", document.slug)]))
        return try renderer.response(model, template: "public/document")
    }

    /// A file of a document, as an attachment with the name it was uploaded with (cleaned).
    @Sendable func documentFile(_ r: PublicRequest) async throws -> Response {
        let today = CalendarDay(clients.now())
        guard let slug = r.context.parameters.get("slug"), let fileID = r.context.parameters.get("file").flatMap(UUID.init(uuidString:)),
            let document = try await DocumentQueries.document(siteID: r.site.id, slug: slug, today: today, db: db),
            let file = document.files.first(where: { $0.id == fileID }), let kind = file.fileKind
        else { throw AppError.notFound }
        guard let path = UploadFolder(configuration: configuration, name: "documents").path(of: file.storedName),
            let data = FileManager.default.contents(atPath: path)
        else { throw AppError.notFound }
        var headers = HTTPFields()
        headers[.contentType] = kind.mediaType
        headers[.contentDisposition] = Self.attachment(file.displayName)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266): the ASCII fallback keeps
    /// only safe characters, so no quote or line break can reach the header.
    static func attachment(_ name: String) -> String {
        let ascii = VietnameseText.fold(name).unicodeScalars.map { scalar -> String in
            CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII || "-_. ".unicodeScalars.contains(scalar) ? String(scalar) : "_"
        }.joined()
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .urlPathSegmentAllowed) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
