import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// The Office keeps the document library (issue #4): metadata, files checked by content, relations,
/// and the legal-deadline helper (a legal document must be posted within 2 working days of issue).
/// Editors and approvers act on the documents of sites whose unit is in their subtree; others get 404.
struct AdminDocumentsController: Sendable {
    let database: DatabaseStack
    /// Taken per use: the next event loop's connections, the request's logger.
    var db: any Database { database.db }
    let renderer: PageRenderer
    let sites: SiteDirectory
    let clients: Clients
    let pageCache: PageCache
    let configuration: AppConfiguration
    let pdfText: PDFTextExtractor

    static let forms = ["Kế hoạch", "Quyết định", "Công văn", "Báo cáo", "Thông báo", "Chỉ thị", "Hướng dẫn", "Nghị quyết", "Tờ trình", "Văn bản khác"]
    static let noRights = "Bạn không có quyền biên tập văn bản."

    var service: DocumentService { DocumentService(db: db, configuration: configuration, pdfText: pdfText) }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.documents.rawValue)) { _, context in try await list(context) }
        group.get(RouterPath(AdminRoute.newDocument.rawValue)) { _, context in try await form(context, document: nil, fields: [:], errors: []) }
        group.post(RouterPath(AdminRoute.newDocument.rawValue)) { request, context in try await save(request, context, document: nil) }
        group.get(RouterPath(AdminRoute.document.rawValue)) { _, context in
            try await form(context, document: try await document(context), fields: [:], errors: [])
        }
        group.post(RouterPath(AdminRoute.document.rawValue)) { request, context in try await save(request, context, document: try await document(context)) }
    }

    private func editableSites(_ identity: Identity, _ tree: UnitTree) async throws -> [SiteInfo] {
        return try await sites.all().filter { identity.can(.editOthersContent, in: tree, unit: $0.unitID) }
    }

    private func document(_ context: AppRequestContext) async throws -> Document {
        let identity = try context.requireIdentity()
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)), let document = try await Document.find(id, on: db),
            try await editableSites(identity, try context.units()).contains(where: { $0.id == document.$site.id })
        else { throw AppError.notFound }
        return document
    }

    private func deadline(_ document: Document) -> DocumentService.Deadline? {
        guard document.isLegal, let issued = document.issuedDay, let posted = CalendarDay(iso: document.postedOn) else { return nil }
        return DocumentService.deadline(issued: issued, posted: posted, holidays: configuration.holidays)
    }

    struct ListPage: Sendable {
        struct Row: Sendable { var number, summary, site, issued, href: String; var deadline: String?; var late: Bool }
        var shell: AdminShell
        var newHref = AdminPage.newDocument.link
        var rows: [Row]
        /// Optional, not 0: Mustache renders a section for any number.
        var lateCount: Int?
    }

    private func list(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let editable = try await editableSites(identity, try context.units())
        guard !editable.isEmpty else { throw AppError.forbidden(Self.noRights) }
        let documents = try await Document.query(on: db).filter(\.$site.$id ~~ editable.map(\.id)).sort(\.$issuedOn, .descending).range(..<500).all()
        let rows = try documents.map { document in
            let check = deadline(document)
            return ListPage.Row(
                number: document.number, summary: document.summary, site: editable.first { $0.id == document.$site.id }?.name ?? "",
                issued: document.issuedDay?.vietnamese ?? document.issuedOn, href: AdminPage.document(id: try document.requireID().uuidString).link,
                deadline: check?.message, late: check.map { !$0.onTime } ?? false)
        }
        let page = ListPage(
            shell: AdminShell(identity: identity, title: "Văn bản", current: .documents), rows: rows,
            lateCount: rows.contains(where: \.late) ? rows.filter(\.late).count : nil)
        return try renderer.response(page, template: "admin/documents")
    }

    struct FormPage: Sendable {
        struct File: Sendable { var name, kind: String; var size: Int; var hasText: Bool }
        var shell: AdminShell
        var heading: String
        var action: String
        var sites: [SelectOption]
        var forms: [SelectOption]
        var number, issuingBody, signer, issuedOn, effectiveOn, expiresOn, summary, sector, postedOn, replaces, amends, procedures, articles: String
        var isLegal: Bool
        var deadline: String?
        var late: Bool
        var files: [File]
        var maxMB: Int
        var pdfTextMissing: Bool
        var errors: [FieldProblem]
    }

    private func form(_ context: AppRequestContext, document: Document?, fields: [String: String], errors: [FieldProblem]) async throws -> Response {
        let identity = try context.requireIdentity()
        let editable = try await editableSites(identity, try context.units())
        guard !editable.isEmpty else { throw AppError.forbidden(Self.noRights) }
        let selectedSite = fields["site"] ?? editable.first { $0.id == document?.$site.id }?.slug ?? editable.first?.slug
        let selectedForm = fields["form"] ?? document?.form ?? Self.forms[0]
        var files: [FormPage.File] = []
        var links: [DocumentLink] = []
        if let document {
            files = try await DocumentFile.query(on: db).filter(\.$document.$id == document.requireID()).all().map {
                .init(name: $0.displayName, kind: $0.fileKind?.label ?? $0.kind, size: $0.size, hasText: $0.text != nil)
            }
            links = try await DocumentLink.query(on: db).filter(\.$document.$id == document.requireID())
                .with(\.$targetDocument).with(\.$targetProcedure).with(\.$targetArticle).all()
        }
        func linked(_ relation: DocumentLink.Relation) -> String {
            links.filter { $0.relation == relation.rawValue }.compactMap { link in
                switch relation {
                case .procedure: link.targetProcedure?.code
                case .article: link.targetArticle?.slug
                default: link.targetDocument?.number
                }
            }
            .joined(separator: ", ")
        }
        let check = document.flatMap(deadline)
        let model = FormPage(
            shell: AdminShell(identity: identity, title: document == nil ? "Thêm văn bản" : "Sửa văn bản", current: .documents),
            heading: document.map { "Sửa văn bản \($0.number)" } ?? "Thêm văn bản",
            action: document.flatMap(\.id).map { AdminPage.document(id: $0.uuidString).link } ?? AdminPage.newDocument.link,
            sites: editable.map { SelectOption(value: $0.slug, label: $0.name, selected: $0.slug == selectedSite) },
            forms: Self.forms.map { SelectOption(value: $0, label: $0, selected: $0 == selectedForm) },
            number: fields["number"] ?? document?.number ?? "", issuingBody: fields["issuing_body"] ?? document?.issuingBody ?? "",
            signer: fields["signer"] ?? document?.signer ?? "", issuedOn: fields["issued_on"] ?? document?.issuedOn ?? "",
            effectiveOn: fields["effective_on"] ?? document?.effectiveOn ?? "", expiresOn: fields["expires_on"] ?? document?.expiresOn ?? "",
            summary: fields["summary"] ?? document?.summary ?? "", sector: fields["sector"] ?? document?.sector ?? "",
            postedOn: fields["posted_on"] ?? document?.postedOn ?? CalendarDay(clients.now()).iso,
            replaces: fields["replaces"] ?? linked(.replaces), amends: fields["amends"] ?? linked(.amends),
            procedures: fields["procedures"] ?? linked(.procedure),
            articles: fields["articles"] ?? linked(.article),
            isLegal: fields.isEmpty ? document?.isLegal ?? false : fields["is_legal"] == "1",
            deadline: check?.message, late: check.map { !$0.onTime } ?? false, files: files,
            maxMB: configuration.documentMaxBytes >> 20, pdfTextMissing: !pdfText.isAvailable, errors: errors)
        return try renderer.response(model, template: "admin/document-form", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func save(_ request: Request, _ context: AppRequestContext, document: Document?) async throws -> Response {
        let identity = try context.requireIdentity()
        let multipart = try MultipartForm.from(request, context: context)
        let fields = multipart.fields.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let editable = try await editableSites(identity, try context.units())
        guard let site = document.flatMap({ d in editable.first { $0.id == d.$site.id } }) ?? editable.first(where: { $0.slug == fields["site"] }) else {
            throw AppError.forbidden(Self.noRights)
        }

        var problems = [
            FieldCheck.text(fields["number"], field: "number", label: "Số, ký hiệu", required: true, max: 100),
            FieldCheck.text(fields["issuing_body"], field: "issuing_body", label: "Cơ quan ban hành", required: true, max: 300),
            FieldCheck.text(fields["summary"], field: "summary", label: "Trích yếu", required: true, max: 2000),
            FieldCheck.text(fields["signer"], field: "signer", label: "Người ký", required: false, max: 200),
            FieldCheck.text(fields["sector"], field: "sector", label: "Lĩnh vực", required: false, max: 300),
        ].compactMap { $0 }
        let form = fields["form"] ?? ""
        if !Self.forms.contains(form) { problems.append(FieldProblem(field: "form", message: "Chọn hình thức văn bản trong danh sách.")) }
        func day(_ name: String, _ label: String, required: Bool) -> String? {
            let raw = fields[name] ?? ""
            if raw.isEmpty {
                if required { problems.append(FieldProblem(field: name, message: "\(label) không được để trống.")) }
                return nil
            }
            guard let day = CalendarDay(iso: raw) else { problems.append(FieldProblem(field: name, message: "\(label) không hợp lệ.")); return nil }
            return day.iso
        }
        let issued = day("issued_on", "Ngày ban hành", required: true)
        let effective = day("effective_on", "Ngày hiệu lực", required: false)
        let expires = day("expires_on", "Ngày hết hiệu lực", required: false)
        let posted = day("posted_on", "Ngày đăng", required: true)
        if let issued, let posted, posted < issued { problems.append(FieldProblem(field: "posted_on", message: "Ngày đăng không thể trước ngày ban hành.")) }
        var uploads: [DocumentService.Upload] = []
        for file in multipart.files("files") {
            // The size is known before the file is read into memory.
            guard file.size <= configuration.documentMaxBytes else {
                let refusal = DocumentFileKind.Refusal.tooLarge(limit: configuration.documentMaxBytes)
                problems.append(FieldProblem(field: "files", message: "Tệp «\(SafeFileName.display(file.filename))»: \(refusal)"))
                continue
            }
            switch service.check(fileName: file.filename, data: file.data) {
            case .success(let upload): uploads.append(upload)
            case .failure(let refusal):
                problems.append(FieldProblem(field: "files", message: "Tệp «\(SafeFileName.display(file.filename))»: \(refusal)"))
            }
        }
        // Relations name documents of the same site by number, and procedures by code.
        func numbers(_ name: String) -> [String] {
            (fields[name] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var targets: [(DocumentLink.Relation, UUID)] = []
        for relation in [DocumentLink.Relation.replaces, .amends] {
            for number in numbers(relation == .replaces ? "replaces" : "amends") {
                if let target = try await Document.query(on: db).filter(\.$site.$id == site.id).filter(\.$number == number).first(),
                    target.id != document?.id, let id = target.id
                {
                    targets.append((relation, id))
                } else {
                    problems.append(
                        FieldProblem(field: relation == .replaces ? "replaces" : "amends", message: "Không có văn bản số «\(number)» trên trang này."))
                }
            }
        }
        for code in numbers("procedures") {
            if let procedure = try await ProcedureQueries.procedure(code: code, on: db), let id = procedure.id {
                targets.append((.procedure, id))
            } else {
                problems.append(FieldProblem(field: "procedures", message: "Không có thủ tục mã «\(code)»."))
            }
        }
        for slug in numbers("articles") {
            if let article = try await Article.query(on: db).filter(\.$site.$id == site.id).filter(\.$slug == slug).first(), let id = article.id {
                targets.append((.article, id))
            } else {
                problems.append(FieldProblem(field: "articles", message: "Không có tin bài có đường dẫn «\(slug)» trên trang này."))
            }
        }
        guard problems.isEmpty, let issued, let posted else { return try await self.form(context, document: document, fields: fields, errors: problems) }

        let number = fields["number"] ?? ""
        let model = document ?? Document()
        let isNew = document == nil
        let service = self.service
        // Files and their text layers first, outside the transaction (pdftotext may take its whole limit).
        let stored = try await service.store(uploads)
        do {
            try await pageCache.changingContent(on: db) { [stored, targets, fields] db in
                if isNew {
                    model.$site.id = site.id
                    model.slug = try await Self.freeSlug(VietnameseText.slug(number), site: site.id, on: db)
                }
                model.form = form
                model.number = number
                model.issuingBody = fields["issuing_body"] ?? ""
                model.signer = MissingText.normalize(fields["signer"])
                model.issuedOn = issued
                model.effectiveOn = effective
                model.expiresOn = expires
                model.summary = fields["summary"] ?? ""
                model.sector = MissingText.normalize(fields["sector"])
                model.isLegal = fields["is_legal"] == "1"
                model.postedOn = posted
                model.index(fileTexts: [])
                try await model.save(on: db)
                try await service.attach(stored, to: model, on: db)
                try await DocumentLink.query(on: db).filter(\.$document.$id == model.requireID()).delete()
                for (relation, target) in targets {
                    let link = DocumentLink()
                    link.$document.id = try model.requireID()
                    link.relation = relation.rawValue
                    switch relation {
                    case .procedure: link.$targetProcedure.id = target
                    case .article: link.$targetArticle.id = target
                    default: link.$targetDocument.id = target
                    }
                    try await link.save(on: db)
                }
                try await service.reindex(model, on: db)
            }
        } catch {
            service.discard(stored)
            throw error
        }
        return .redirect(to: AdminPage.document(id: try model.requireID().uuidString).link, type: .normal)
    }

    static func freeSlug(_ base: String, site: UUID, on db: any Database) async throws -> String {
        let root = base.isEmpty ? "van-ban" : base
        var candidate = root
        var n = 1
        while try await Document.query(on: db).filter(\.$site.$id == site).filter(\.$slug == candidate).count() > 0 {
            n += 1
            candidate = "\(root)-\(n)"
        }
        return candidate
    }
}
