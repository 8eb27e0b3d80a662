import FluentKit
import Foundation
import Hummingbird
import LoaCore
import SQLKit

/// The Office's clerks keep the procedure catalogue (issue #4): create, edit and retire procedures with
/// revisions, post them on a site by a publishing decision, and see what is missing or out of date.
/// Editors and approvers act on the procedures owned by their unit's subtree; anything else is 404.
struct AdminProceduresController: Sendable {
    let database: DatabaseStack
    /// Taken per use: the next event loop's connections, the request's logger.
    var db: any Database { database.db }
    let renderer: PageRenderer
    let sites: SiteDirectory
    let clients: Clients
    let pageCache: PageCache
    let configuration: AppConfiguration

    var formFolder: UploadFolder { UploadFolder(configuration: configuration, name: "procedure-forms") }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.procedures.rawValue)) { request, context in try await list(request, context) }
        group.get(RouterPath(AdminRoute.procedureReport.rawValue)) { _, context in try await report(context) }
        group.get(RouterPath(AdminRoute.newProcedure.rawValue)) { _, context in try await form(context, procedure: nil, fields: nil, errors: []) }
        group.post(RouterPath(AdminRoute.newProcedure.rawValue)) { request, context in try await save(request, context, procedure: nil) }
        group.get(RouterPath(AdminRoute.procedure.rawValue)) { _, context in
            try await form(context, procedure: try await procedure(context), fields: nil, errors: [])
        }
        group.post(RouterPath(AdminRoute.procedure.rawValue)) { request, context in try await save(request, context, procedure: try await procedure(context)) }
        group.get(RouterPath(AdminRoute.procedureHistory.rawValue)) { _, context in try await history(context) }
        group.post(RouterPath(AdminRoute.restoreProcedureRevision.rawValue)) { _, context in try await restore(context) }
        group.post(RouterPath(AdminRoute.retireProcedure.rawValue)) { _, context in try await retire(context) }
        group.post(RouterPath(AdminRoute.procedureForms.rawValue)) { request, context in try await uploadForms(request, context) }
    }

    static let noRights = "Bạn không có quyền biên tập thủ tục hành chính."

    /// Sites whose unit the identity may edit for (editors and approvers of the unit or above it).
    func editableSites(_ identity: Identity, tree: UnitTree) async throws -> [SiteInfo] {
        try await sites.all().filter { identity.can(.editOthersContent, in: tree, unit: $0.unitID) }
    }

    func procedure(_ context: AppRequestContext) async throws -> Procedure {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)), let procedure = try await Procedure.find(id, on: db),
            identity.can(.editOthersContent, in: tree, unit: procedure.$ownerUnit.id)
        else { throw AppError.notFound }
        return procedure
    }

    struct ListPage: Sendable {
        struct Row: Sendable { var code, name, sector, href, state: String; var version: Int }
        var shell: AdminShell
        var newHref = AdminPage.newProcedure.link
        var reportHref = AdminPage.procedureReport.link
        var query: String
        var rows: [Row]
    }

    private func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        guard identity.canSomewhere(.editOthersContent) else { throw AppError.forbidden(Self.noRights) }
        let raw = FormFields(body: request.uri.query ?? "")["q"] ?? ""
        var query = Procedure.query(on: db)
        for term in SearchQuery(raw).foldedTerms { query = query.filter(\.$searchText, .custom("LIKE"), "%\(term)%") }
        let procedures = try await query.sort(\.$sector).sort(\.$name).all()
            .filter { identity.can(.editOthersContent, in: tree, unit: $0.$ownerUnit.id) }
        let rows = try procedures.prefix(500).map {
            ListPage.Row(
                code: $0.code, name: $0.name, sector: $0.sector, href: AdminPage.procedure(id: try $0.requireID().uuidString).link,
                state: $0.retiredAt == nil ? "Đang dùng" : "Đã bãi bỏ", version: $0.version)
        }
        let page = ListPage(
            shell: AdminShell(identity: identity, title: "Thủ tục hành chính", current: .procedures), query: String(raw.prefix(200)), rows: rows)
        return try renderer.response(page, template: "admin/procedures")
    }

    struct FormPage: Sendable {
        struct Text: Sendable { var name, label, value: String; var rows: Int }
        var shell: AdminShell
        var heading: String
        var action: String
        var isNew: Bool
        var sites: [SelectOption]
        var code, name, sector: String
        var levels: [SelectOption]
        var texts: [Text]
        var decisionNumber, decisionDate: String
        var historyHref: String?
        var formsAction: String?
        var uploadedForms: [String]
        var maxMB: Int
        var retireAction: String?
        var retired: Bool
        /// The version this form was opened at; a save based on an older one is refused, not a 500.
        var version: Int
        var errors: [FieldProblem]
    }

    private static var textFields: [(name: String, label: String, rows: Int, path: WritableKeyPath<ProcedureRecord, String?>)] {
        [
            ("kind", "Loại thủ tục", 1, \.kind), ("decision", "Quyết định công bố của cơ quan ban hành (theo CSDL quốc gia)", 1, \.decision),
            ("steps", "Trình tự thực hiện", 8, \.steps), ("method", "Cách thức thực hiện", 3, \.method),
            ("applicants", "Đối tượng thực hiện", 2, \.applicants), ("processing_agency", "Cơ quan thực hiện", 2, \.processingAgency),
            ("competent_agency", "Cơ quan có thẩm quyền", 2, \.competentAgency), ("coordinating_agency", "Cơ quan phối hợp", 2, \.coordinatingAgency),
            ("receiving_address", "Địa chỉ tiếp nhận hồ sơ", 2, \.receivingAddress), ("result", "Kết quả thực hiện", 2, \.result),
            ("requirements", "Yêu cầu, điều kiện thực hiện", 4, \.requirements),
        ]
    }

    func form(_ context: AppRequestContext, procedure: Procedure?, fields: FormFields?, errors: [FieldProblem]) async throws -> Response {
        let identity = try context.requireIdentity()
        var uploadedForms: [String] = []
        if let id = procedure?.id {
            uploadedForms = try await ProcedureForm.query(on: db).filter(\.$procedure.$id == id).sort(\.$displayName).all()
                .map { "\($0.displayName) (\(ProcedureView.detail($0)))" }
        }
        let tree = try context.units()
        let editable = try await editableSites(identity, tree: tree)
        guard !editable.isEmpty else { throw AppError.forbidden(Self.noRights) }
        let record = procedure?.record
        let selected = fields?["site"] ?? editable.first { $0.unitID == procedure?.$ownerUnit.id }?.slug ?? editable.first?.slug
        let chosenLevels = fields.map { f in ProcedureLevel.allCases.filter { f["level_\($0.rawValue)"] == "1" } } ?? record?.levels ?? []
        var texts = Self.textFields.map { field in
            FormPage.Text(
                name: field.name, label: field.label, value: fields?[field.name] ?? record.flatMap { $0[keyPath: field.path] } ?? "", rows: field.rows)
        }
        texts += [
            FormPage.Text(
                name: "channels", label: "Hình thức nộp — mỗi dòng: Hình thức | Thời hạn giải quyết | Phí, lệ phí",
                value: fields?["channels"] ?? record.map { ProcedureTableText.text($0.channels) } ?? "", rows: 4),
            FormPage.Text(
                name: "components", label: "Thành phần hồ sơ — mỗi dòng: Tên giấy tờ | mẫu1.docx; mẫu2.doc | Số bản chính | Số bản sao",
                value: fields?["components"] ?? record.map { ProcedureTableText.text($0.components) } ?? "", rows: 6),
            FormPage.Text(
                name: "legal_basis", label: "Căn cứ pháp lý — mỗi dòng: Số, ký hiệu | Trích yếu",
                value: fields?["legal_basis"] ?? record.map { ProcedureTableText.text($0.legalBasis) } ?? "", rows: 4),
        ]
        let id = procedure?.id?.uuidString
        let model = FormPage(
            shell: AdminShell(identity: identity, title: procedure == nil ? "Thêm thủ tục" : "Sửa thủ tục", current: .procedures),
            heading: procedure.map { "Sửa thủ tục \($0.code)" } ?? "Thêm thủ tục hành chính",
            action: id.map { AdminPage.procedure(id: $0).link } ?? AdminPage.newProcedure.link,
            isNew: procedure == nil,
            sites: editable.map { SelectOption(value: $0.slug, label: $0.name, selected: $0.slug == selected) },
            code: fields?["code"] ?? record?.code ?? "", name: fields?["name"] ?? record?.name ?? "", sector: fields?["sector"] ?? record?.sector ?? "",
            levels: ProcedureLevel.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: chosenLevels.contains($0)) },
            texts: texts, decisionNumber: fields?["decision_number"] ?? "", decisionDate: fields?["decision_date"] ?? "",
            historyHref: id.map { AdminPage.procedureHistory(id: $0).link },
            formsAction: id.map { AdminPage.procedureForms(id: $0).link }, uploadedForms: uploadedForms,
            maxMB: configuration.documentMaxBytes >> 20,
            retireAction: procedure?.retiredAt == nil ? id.map { AdminPage.retireProcedure(id: $0).link } : nil,
            retired: procedure?.retiredAt != nil,
            version: fields.flatMap { RequestNumber.parse($0.text("version"), in: 0...Int(Int32.max)) } ?? procedure?.version ?? 0,
            errors: errors)
        return try renderer.response(model, template: "admin/procedure-form", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func save(_ request: Request, _ context: AppRequestContext, procedure: Procedure?) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let fields = try await FormFields.from(request, context: context)
        let editable = try await editableSites(identity, tree: tree)
        // The site names where a decision posts and, for a new record, which unit owns it.
        guard
            let site = editable.first(where: { $0.slug == fields.text("site") })
                ?? procedure.flatMap({ p in editable.first { $0.unitID == p.$ownerUnit.id } }) ?? (procedure == nil ? nil : editable.first)
        else { throw AppError.forbidden(Self.noRights) }

        var problems = [
            FieldCheck.text(fields["code"], field: "code", label: "Mã thủ tục", required: true, max: 40),
            FieldCheck.text(fields["name"], field: "name", label: "Tên thủ tục", required: true, max: 1000),
            FieldCheck.text(fields["sector"], field: "sector", label: "Lĩnh vực", required: true, max: 300),
        ].compactMap { $0 }
        let code = fields.text("code")
        if !code.isEmpty, !ProcedureCode.isValid(code) {
            problems.append(FieldProblem(field: "code", message: "Mã thủ tục không đúng mẫu \(ProcedureCode.patternDescription)."))
        }
        let levels = ProcedureLevel.allCases.filter { fields["level_\($0.rawValue)"] == "1" }
        if levels.isEmpty { problems.append(FieldProblem(field: "level_\(ProcedureLevel.commune.rawValue)", message: "Chọn ít nhất một cấp thực hiện.")) }
        var record = ProcedureRecord(code: code, name: fields.text("name"), levels: levels, sector: fields.text("sector"))
        for field in Self.textFields {
            if let problem = FieldCheck.text(fields[field.name], field: field.name, label: field.label, required: false, max: 20_000) {
                problems.append(problem)
            }
            record[keyPath: field.path] = MissingText.normalize(fields[field.name])
        }
        let channels = ProcedureTableText.channels(fields["channels"] ?? "")
        let components = ProcedureTableText.components(fields["components"] ?? "")
        let legal = ProcedureTableText.legalBasis(fields["legal_basis"] ?? "")
        problems += channels.problems.map { FieldProblem(field: "channels", message: "Hình thức nộp: \($0)") }
        problems += components.problems.map { FieldProblem(field: "components", message: "Thành phần hồ sơ: \($0)") }
        problems += legal.problems.map { FieldProblem(field: "legal_basis", message: "Căn cứ pháp lý: \($0)") }
        record.channels = channels.rows
        record.components = components.rows
        record.legalBasis = legal.rows
        var posting: ProcedureService.Posting?
        let decisionNumber = fields.text("decision_number")
        let decisionDate = fields.text("decision_date")
        if !decisionNumber.isEmpty || !decisionDate.isEmpty {
            if let problem = FieldCheck.text(decisionNumber, field: "decision_number", label: "Số quyết định công bố", required: true, max: 100) {
                problems.append(problem)
            }
            if let day = CalendarDay(iso: decisionDate) {
                if !decisionNumber.isEmpty { posting = .init(site: site, number: decisionNumber, day: day) }
            } else {
                problems.append(FieldProblem(field: "decision_date", message: "Ngày quyết định công bố không hợp lệ."))
            }
        }
        var sameCode = Procedure.query(on: db).filter(\.$code == code)
        if let id = procedure?.id { sameCode = sameCode.filter(\.$id != id) }
        if !code.isEmpty, try await sameCode.count() > 0 {
            problems.append(FieldProblem(field: "code", message: "Mã «\(code)» đã có trong danh mục thủ tục."))
        }
        guard problems.isEmpty else { return try await form(context, procedure: procedure, fields: fields, errors: problems) }

        let service = ProcedureService(db: db, clients: clients)
        let owner = procedure?.$ownerUnit.id ?? site.unitID
        var decision: ProcedureDecision?
        if let posting { decision = try await service.decision(posting) }
        let basedOn = RequestNumber.parse(fields.text("version"), in: 0...Int(Int32.max)) ?? procedure?.version ?? 0
        let saved: Procedure
        do {
            saved = try await pageCache.changingContent(on: db) { [decision, record] db in
                if let procedure {
                    // Edit in place: the code may be corrected, so look up by id, not by code.
                    let before = procedure.record
                    if before != record {
                        // Compare-and-set: of two saves of one version, the second is refused (issue #9).
                        let moved = try await db.sql.raw(
                            """
                            UPDATE procedures SET version = version + 1 WHERE id = \(bind: procedure.requireID()) AND version = \(bind: basedOn)
                            RETURNING version
                            """
                        ).all()
                        guard !moved.isEmpty else { throw StaleProcedure() }
                        procedure.apply(record)
                        procedure.version = basedOn + 1
                        try await procedure.save(on: db)
                        try await ProcedureRevision(
                            procedureID: try procedure.requireID(), number: procedure.version, record: record, editorName: identity.name,
                            note: "Sửa", at: clients.now()
                        ).save(on: db)
                    }
                    if let decision { try await service.post(procedureID: try procedure.requireID(), site: site.id, decision: decision, on: db) }
                    return procedure
                }
                let (created, _) = try await service.save(record, owner: owner, editor: identity.name, note: "Tạo mới", on: db)
                if let decision { try await service.post(procedureID: try created.requireID(), site: site.id, decision: decision, on: db) }
                return created
            }
        } catch is StaleProcedure {
            let problem = FieldProblem(
                field: "",
                message: "Thủ tục đã được người khác lưu sau khi bạn mở. Nội dung bạn nhập vẫn còn dưới đây; hãy mở lại bản mới nhất để so sánh rồi lưu lại.")
            return try await form(context, procedure: procedure, fields: fields, errors: [problem])
        }
        return .redirect(to: AdminPage.procedure(id: try saved.requireID().uuidString).link, type: .normal)
    }

    private struct StaleProcedure: Error {}

    private func retire(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let procedure = try await procedure(context)
        if procedure.retiredAt == nil {
            // The service marks the page cache inside its own transaction.
            try await ProcedureService(db: db, clients: clients).retire(procedure, editor: identity.name)
            pageCache.invalidateLocally()
        }
        return .redirect(to: AdminPage.procedure(id: try procedure.requireID().uuidString).link, type: .normal)
    }

    struct HistoryPage: Sendable {
        struct Row: Sendable { var number: Int; var time, editor, note: String; var restoreAction: String? }
        var shell: AdminShell
        var code, name, editHref: String
        var rows: [Row]
    }

    /// Restores an earlier revision as a new one; history is never rewritten.
    private func restore(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let procedure = try await procedure(context)
        let id = try procedure.requireID()
        guard let number = RequestNumber.parse(context.parameters.get("revision"), in: 1...Int(Int32.max)),
            let revision = try await ProcedureRevision.query(on: db).filter(\.$procedure.$id == id).filter(\.$number == number).first(),
            let snapshot = try? JSONDecoder().decode(ProcedureSnapshot.self, from: Data(revision.snapshot.utf8))
        else { throw AppError.notFound }
        let record = snapshot.record
        if try await Procedure.query(on: db).filter(\.$code == record.code).filter(\.$id != id).count() > 0 {
            throw AppError.badRequest("Mã «\(record.code)» của phiên bản \(number) đang thuộc thủ tục khác.")
        }
        if procedure.record != record {
            let basedOn = procedure.version
            try await pageCache.changingContent(on: db) { [record] db in
                // Compare-and-set, as for a save: a concurrent change refuses this restore instead of a 500.
                let moved = try await db.sql.raw(
                    "UPDATE procedures SET version = version + 1 WHERE id = \(bind: id) AND version = \(bind: basedOn) RETURNING version"
                ).all()
                guard !moved.isEmpty else {
                    throw AppError.badRequest("Thủ tục vừa được người khác thay đổi; hãy mở lại lịch sử rồi khôi phục.")
                }
                procedure.apply(record)
                procedure.version = basedOn + 1
                try await procedure.save(on: db)
                try await ProcedureRevision(
                    procedureID: id, number: procedure.version, record: record, editorName: identity.name,
                    note: "Khôi phục phiên bản \(number)", at: clients.now()
                ).save(on: db)
            }
        }
        return .redirect(to: AdminPage.procedureHistory(id: id.uuidString).link, type: .normal)
    }

    private func history(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let procedure = try await procedure(context)
        let revisions = try await ProcedureRevision.query(on: db).filter(\.$procedure.$id == procedure.requireID()).sort(\.$number, .descending).all()
        let page = HistoryPage(
            shell: AdminShell(identity: identity, title: "Lịch sử thủ tục", current: .procedures), code: procedure.code, name: procedure.name,
            editHref: AdminPage.procedure(id: try procedure.requireID().uuidString).link,
            rows: try revisions.map { revision in
                .init(
                    number: revision.number, time: VietnameseDate.dayTime(revision.createdAt), editor: revision.editorName, note: revision.note,
                    restoreAction: revision.number == procedure.version
                        ? nil : AdminPage.restoreProcedureRevision(id: try procedure.requireID().uuidString, revision: String(revision.number)).link)
            })
        return try renderer.response(page, template: "admin/procedure-history")
    }
}
