import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// The procedure catalogue of a site, the procedure page, the desk's posting sheets and the kiosk (issue #4).
extension PublicController {
    /// Seconds of inactivity after which a kiosk page returns to its start.
    static let kioskResetSeconds = 90
    /// The desk's own screen opens the kiosk with `?quay=1`: only there do pages return to the start
    /// by themselves (a shared terminal is reset for the next citizen, who is told so on screen). On the
    /// open web a timed refresh would fail WCAG 2.2.1 (Timing Adjustable), so it is off.
    static let deskScreenParameter = "quay"

    private func isDeskScreen(_ r: PublicRequest) -> Bool {
        r.request.uri.queryParameters.get(Self.deskScreenParameter) == "1"
    }

    /// A kiosk link that keeps the desk-screen mode.
    private func kioskLink(_ r: PublicRequest, _ page: SitePage) -> String {
        r.mount.path(page) + (isDeskScreen(r) ? "?\(Self.deskScreenParameter)=1" : "")
    }

    private func today() -> CalendarDay { CalendarDay(clients.now()) }

    private func parameter(_ r: PublicRequest, _ name: String) -> String? {
        r.context.parameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `thu-tuc-hanh-chinh?cap=xa&linh-vuc=ho-tich&q=khai sinh`
    @Sendable func procedures(_ r: PublicRequest) async throws -> Response {
        let parameters = r.request.uri.queryParameters
        let raw = FormFields(body: r.request.uri.query ?? "")["q"] ?? ""
        let query = SearchQuery(raw)
        let level = parameters.get("cap").flatMap { ProcedureLevel(rawValue: String($0)) }
        let sectorSlug = parameters.get("linh-vuc").map { String($0) }.flatMap { $0.isEmpty ? nil : $0 }
        let day = today()
        let all = try await ProcedureQueries.inForce(siteID: r.site.id, on: day, db: db)
        let (levels, sectors) = ProcedureQueries.counts(all)
        let filtered = level != nil || sectorSlug != nil || !query.isEmpty
        let shown =
            filtered
            ? try await ProcedureQueries.inForce(
                siteID: r.site.id, on: day, filter: .init(level: level, sectorSlug: sectorSlug, query: query.isEmpty ? nil : query), db: db)
            : all
        let sectorName = sectorSlug.flatMap { slug in sectors.first { $0.key == slug }?.label }
        var description: [String] = []
        if let level { description.append(level.label) }
        if let sectorName { description.append("lĩnh vực \(sectorName)") }
        if !query.isEmpty { description.append("từ khóa «\(raw.prefix(80))»") }
        var pageShell = shell(r, current: .procedures(level: nil, sector: nil), title: "Thủ tục hành chính")
        pageShell.breadcrumbs = [
            MenuItem(label: "Trang chủ", href: r.mount.path(.home)),
            MenuItem(label: "Thủ tục hành chính", href: r.mount.path(.procedures(level: nil, sector: nil)), current: true),
        ]
        let page = ProcedureCataloguePage(
            shell: pageShell, total: all.count,
            levels: levels.map {
                CountLink(
                    label: $0.label, count: $0.count, href: r.mount.path(.procedures(level: $0.key, sector: sectorSlug)), current: $0.key == level?.rawValue)
            },
            sectors: sectors.map {
                CountLink(
                    label: $0.label, count: $0.count, href: r.mount.path(.procedures(level: level?.rawValue, sector: $0.key)), current: $0.key == sectorSlug)
            },
            action: r.mount.path(.procedures(level: nil, sector: nil)), query: String(raw.prefix(200)),
            level: level?.rawValue, sector: sectorSlug,
            filterDescription: description.isEmpty ? nil : description.joined(separator: ", "),
            rows: shown.map { ProcedureRow($0, href: r.mount.path(.procedure(code: $0.code))) },
            message: all.isEmpty
                ? "Trang thông tin này chưa công bố thủ tục hành chính nào."
                : shown.isEmpty ? "Không tìm thấy thủ tục nào phù hợp. Có thể gõ có dấu hoặc không dấu, theo tên, mã hoặc lĩnh vực." : nil,
            kioskHref: r.mount.path(.kiosk), hubHref: r.mount.path(.reformHub),
            sectorSheetHref: sectorName != nil ? sectorSlug.map { r.mount.path(.sectorSheet(sector: $0)) } : nil,
            allHref: r.mount.path(.procedures(level: nil, sector: nil)))
        return try renderer.response(page, template: "public/procedures")
    }

    /// The procedure posted on this site, with its posting history; 404 when this site never posted it.
    private func postedProcedure(_ r: PublicRequest) async throws -> (Procedure, [ProcedureQueries.PostingSpan]) {
        guard let code = parameter(r, "code"), let procedure = try await ProcedureQueries.procedure(code: code, on: db) else {
            throw AppError.notFound
        }
        let spans = try await ProcedureQueries.spans(siteID: r.site.id, procedureID: try procedure.requireID(), on: db)
        guard !spans.isEmpty else { throw AppError.notFound }
        return (procedure, spans.sorted { $0.from < $1.from })
    }

    private func isInForce(_ procedure: Procedure, spans: [ProcedureQueries.PostingSpan]) -> Bool {
        let day = today()
        let posted = spans.contains { $0.from <= day && ($0.until.map { day < $0 } ?? true) }
        return posted && (procedure.retiredAt.map { CalendarDay($0) > day } ?? true)
    }

    @Sendable func procedure(_ r: PublicRequest) async throws -> Response {
        let (procedure, spans) = try await postedProcedure(r)
        let uploaded = try await ProcedureForm.query(on: db).filter(\.$procedure.$id == procedure.requireID()).sort(\.$displayName).all()
        let view = ProcedureView(procedure, href: r.mount.path(.procedure(code: procedure.code)), uploaded: uploaded) { file in
            r.mount.path(.procedureForm(code: procedure.code, file: file.id?.uuidString.lowercased() ?? ""))
        }
        var pageShell = shell(r, current: .procedure(code: procedure.code), title: procedure.name, description: "\(procedure.code) · \(procedure.sector)")
        pageShell.breadcrumbs = [
            MenuItem(label: "Trang chủ", href: r.mount.path(.home)),
            MenuItem(label: "Thủ tục hành chính", href: r.mount.path(.procedures(level: nil, sector: nil))),
            MenuItem(label: procedure.sector, href: r.mount.path(.procedures(level: nil, sector: procedure.sectorSlug))),
            MenuItem(label: procedure.name, href: view.href, current: true),
        ]
        let page = ProcedurePage(
            shell: pageShell, procedure: view, sheetHref: r.mount.path(.procedureSheet(code: procedure.code)),
            catalogueHref: r.mount.path(.procedures(level: nil, sector: nil)),
            sectorHref: r.mount.path(.procedures(level: nil, sector: procedure.sectorSlug)),
            spans: spans.map { .init(decision: $0.decision, from: $0.from.vietnamese, until: $0.until?.vietnamese, replacedBy: $0.replacedBy) },
            inForce: isInForce(procedure, spans: spans), askHref: r.mount.path(.feedbackForm) + SitePage.query([("thu-tuc", procedure.code)]))
        return try renderer.response(page, template: "public/procedure")
    }

    /// A form template file of a procedure posted on this site, as an attachment.
    @Sendable func procedureForm(_ r: PublicRequest) async throws -> Response {
        let (procedure, _) = try await postedProcedure(r)
        guard let id = r.context.parameters.get("file").flatMap(UUID.init(uuidString:)),
            let form = try await ProcedureForm.query(on: db).filter(\.$id == id).filter(\.$procedure.$id == procedure.requireID()).first(),
            let kind = DocumentFileKind(rawValue: form.kind),
            let path = UploadFolder(configuration: configuration, name: "procedure-forms").path(of: form.storedName),
            let data = FileManager.default.contents(atPath: path)
        else { throw AppError.notFound }
        var headers = HTTPFields()
        headers[.contentType] = kind.mediaType
        headers[.contentDisposition] = Self.attachment(form.displayName)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Printable A4 posting sheet of one procedure, with the QR code of its online page.
    @Sendable func procedureSheet(_ r: PublicRequest) async throws -> Response {
        let (procedure, spans) = try await postedProcedure(r)
        // Only what is in force may be posted at the desk.
        guard isInForce(procedure, spans: spans) else { throw AppError.notFound }
        let url = baseURL(of: r.site).absoluteString + r.mount.path(.procedure(code: procedure.code))
        let view = ProcedureView(procedure, href: r.mount.path(.procedure(code: procedure.code)))
        let current = spans.last { $0.from <= today() } ?? spans.last
        let page = PostingSheetPage(
            title: "Niêm yết: \(procedure.name) | \(r.site.name)", ownerName: r.site.contact.ownerAgency, siteName: r.site.name,
            heading: procedure.name, procedure: view, rows: [], postedOn: current?.from.vietnamese ?? MissingText.label,
            printedOn: today().vietnamese, onlineURL: url,
            qrSVG: await qr.svg(for: url, label: "Mã QR mở trang thủ tục trên trang thông tin điện tử"),
            backHref: view.href)
        return try renderer.response(page, template: "public/posting-sheet")
    }

    /// Printable posting sheet of every procedure in force in one sector.
    @Sendable func sectorSheet(_ r: PublicRequest) async throws -> Response {
        guard let slug = parameter(r, "sector") else { throw AppError.notFound }
        let procedures = try await ProcedureQueries.inForce(siteID: r.site.id, on: today(), filter: .init(sectorSlug: slug), db: db)
        guard let first = procedures.first else { throw AppError.notFound }
        let url = baseURL(of: r.site).absoluteString + r.mount.path(.procedures(level: nil, sector: slug))
        let ids = Set(procedures.compactMap(\.id))
        let posted = try await ProcedureQueries.spans(siteID: r.site.id, on: db).filter { ids.contains($0.procedureID) && $0.from <= today() }
        let page = PostingSheetPage(
            title: "Niêm yết lĩnh vực \(first.sector) | \(r.site.name)", ownerName: r.site.contact.ownerAgency, siteName: r.site.name,
            heading: "Thủ tục hành chính lĩnh vực \(first.sector)", procedure: nil,
            rows: procedures.map { ProcedureView($0, href: r.mount.path(.procedure(code: $0.code))) },
            postedOn: posted.map(\.from).max()?.vietnamese ?? MissingText.label, printedOn: today().vietnamese, onlineURL: url,
            qrSVG: await qr.svg(for: url, label: "Mã QR mở danh sách thủ tục của lĩnh vực"),
            backHref: r.mount.path(.procedures(level: nil, sector: slug)))
        return try renderer.response(page, template: "public/posting-sheet")
    }

    /// The kiosk's start: one large button per sector.
    @Sendable func kiosk(_ r: PublicRequest) async throws -> Response {
        let all = try await ProcedureQueries.inForce(siteID: r.site.id, on: today(), db: db)
        let sectors = ProcedureQueries.counts(all).sectors
        let page = KioskPage(
            title: "Tra cứu thủ tục hành chính | \(r.site.name)", siteName: r.site.name, heading: "Chọn lĩnh vực cần tra cứu",
            startHref: kioskLink(r, .kiosk), resetAfter: nil, backHref: nil,
            buttons: sectors.map { .init(label: $0.label, detail: "\($0.count) thủ tục", href: kioskLink(r, .kioskSector(sector: $0.key))) },
            procedure: nil)
        return try renderer.response(page, template: "public/kiosk")
    }

    @Sendable func kioskSector(_ r: PublicRequest) async throws -> Response {
        guard let slug = parameter(r, "sector") else { throw AppError.notFound }
        let procedures = try await ProcedureQueries.inForce(siteID: r.site.id, on: today(), filter: .init(sectorSlug: slug), db: db)
        guard let first = procedures.first else { throw AppError.notFound }
        let page = KioskPage(
            title: "\(first.sector) | Tra cứu thủ tục hành chính", siteName: r.site.name, heading: first.sector,
            startHref: kioskLink(r, .kiosk), resetAfter: isDeskScreen(r) ? Self.kioskResetSeconds : nil, backHref: kioskLink(r, .kiosk),
            buttons: procedures.map {
                .init(label: $0.name, detail: "Mã \($0.code)", href: kioskLink(r, .kioskProcedure(sector: slug, code: $0.code)))
            },
            procedure: nil)
        return try renderer.response(page, template: "public/kiosk")
    }

    @Sendable func kioskProcedure(_ r: PublicRequest) async throws -> Response {
        guard let slug = parameter(r, "sector") else { throw AppError.notFound }
        let (procedure, spans) = try await postedProcedure(r)
        guard procedure.sectorSlug == slug, isInForce(procedure, spans: spans) else { throw AppError.notFound }
        let page = KioskPage(
            title: "\(procedure.name) | Tra cứu thủ tục hành chính", siteName: r.site.name, heading: procedure.name,
            startHref: kioskLink(r, .kiosk), resetAfter: isDeskScreen(r) ? Self.kioskResetSeconds : nil,
            backHref: kioskLink(r, .kioskSector(sector: slug)),
            buttons: [], procedure: ProcedureView(procedure, href: r.mount.path(.procedure(code: procedure.code))))
        return try renderer.response(page, template: "public/kiosk")
    }

    /// "Cải cách hành chính": the site's CCHC news, and its procedure catalogue in numbers.
    @Sendable func reformHub(_ r: PublicRequest) async throws -> Response {
        let all = try await ProcedureQueries.inForce(siteID: r.site.id, on: today(), db: db)
        let (levels, sectors) = ProcedureQueries.counts(all)
        let categories = try await CategoryQueries.all(siteID: r.site.id, on: db)
        let category = categories.first { VietnameseText.fold($0.name).contains("cai cach hanh chinh") || $0.slug.contains("cai-cach-hanh-chinh") }
        var news: [Article] = []
        if let category {
            news = try await ArticleQueries.latest(siteID: r.site.id, categoryID: category.id, now: clients.now(), limit: 10, on: db)
        }
        // CCHC documents: those of the reform sector, else the latest of the library.
        let library = try await DocumentQueries.list(siteID: r.site.id, today: today(), db: db)
        let reform = library.filter { VietnameseText.fold($0.sector ?? "").contains("cai cach hanh chinh") }
        let documents = (reform.isEmpty ? library : reform).prefix(10)
        let page = ReformHubPage(
            shell: shell(r, current: .reformHub, title: "Cải cách hành chính"),
            news: news.map { ArticleCard($0, mount: r.mount) },
            newsHref: category.map { r.mount.path(.category(slug: $0.slug, page: 1)) },
            levels: levels.map { CountLink(label: $0.label, count: $0.count, href: r.mount.path(.procedures(level: $0.key, sector: nil)), current: false) },
            sectors: sectors.map { CountLink(label: $0.label, count: $0.count, href: r.mount.path(.procedures(level: nil, sector: $0.key)), current: false) },
            total: all.count, catalogueHref: r.mount.path(.procedures(level: nil, sector: nil)), kioskHref: r.mount.path(.kiosk),
            documents: documents.map { DocumentRow($0, mount: r.mount) },
            documentsHref: r.mount.path(.documents) + SitePage.query([("linh-vuc", reform.first?.sector)]),
            plansHref: r.mount.path(.plans), contestsHref: r.mount.path(.contests), eventsHref: r.mount.path(.events))
        return try renderer.response(page, template: "public/reform-hub")
    }
}
