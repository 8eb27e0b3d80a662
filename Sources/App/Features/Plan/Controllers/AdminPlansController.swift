import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// Communication plans in the back office (issue #5): the list, a new plan (blank or copied), the
/// Home Affairs dashboard of one plan with its forms, and the units' reports.
struct AdminPlansController: Sendable {
    let database: DatabaseStack
    /// Taken per use: the next event loop's connections, the request's logger.
    var db: any Database { database.db }
    let renderer: PageRenderer
    let clients: Clients
    let pageCache: PageCache
    let configuration: AppConfiguration

    private var attachments: UploadFolder { UploadFolder(configuration: configuration, name: "report-attachments") }
    private var service: PlanService { PlanService(db: db, now: clients.now) }
    private var progress: PlanProgressService { PlanProgressService(db: db, sources: PlanProgressService.standardSources()) }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.plans.rawValue)) { _, context in try await list(context) }
        group.get(RouterPath(AdminRoute.newPlan.rawValue)) { _, context in try await newForm(context, fields: nil, errors: []) }
        group.post(RouterPath(AdminRoute.newPlan.rawValue)) { request, context in try await create(request, context) }
        group.get(RouterPath(AdminRoute.plan.rawValue)) { request, context in
            try await dashboard(context, fields: nil, errors: [], notice: AdminNotice.message(in: request))
        }
        group.post(RouterPath(AdminRoute.planItems.rawValue)) { request, context in try await addItem(request, context) }
        group.post(RouterPath(AdminRoute.planActivityReports.rawValue)) { request, context in try await addReport(request, context) }
        group.post(RouterPath(AdminRoute.planPush.rawValue)) { _, context in try await push(context) }
        group.post(RouterPath(AdminRoute.reviewActivityReport.rawValue)) { request, context in try await review(request, context) }
        group.post(RouterPath(AdminRoute.confirmActivityReport.rawValue)) { _, context in try await confirm(context) }
        group.get(RouterPath(AdminRoute.reportAttachment.rawValue)) { _, context in try await attachment(context) }
        PlanReportController(database: database, renderer: renderer, clients: clients).register(on: group)
    }

    /// Who sees a plan: readers of the issuing unit or of any unit that carries one of its items.
    static func mayRead(_ plan: Plan, items: [PlanItem], identity: Identity, tree: UnitTree) -> Bool {
        identity.can(.readContent, in: tree, unit: plan.$unit.id)
            || items.contains { $0.$plan.id == plan.id && identity.can(.readContent, in: tree, unit: $0.$responsibleUnit.id) }
    }

    /// The plan named in the URL, if the identity may see it; otherwise 404.
    static func visiblePlan(_ context: AppRequestContext, on db: any Database) async throws -> (Identity, UnitTree, Plan) {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)), let plan = try await PlanQueries.plan(id, on: db),
            mayRead(plan, items: try await PlanQueries.items(ofPlan: id, on: db), identity: identity, tree: tree)
        else { throw AppError.notFound }
        return (identity, tree, plan)
    }

    private func list(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let plans = try await PlanQueries.allPlans(on: db)
        let items = try await PlanQueries.allItems(on: db)
        let visible = plans.filter { Self.mayRead($0, items: items, identity: identity, tree: tree) }
        let model = PlanListPage(
            shell: AdminShell(identity: identity, title: "Kế hoạch tuyên truyền", current: .plans),
            rows: visible.compactMap { plan in
                plan.id.map { id in
                    PlanListPage.Row(
                        title: plan.title, unit: tree.nodes[plan.$unit.id]?.name ?? "",
                        period: "\(VietnameseDate.day(plan.periodStart)) – \(VietnameseDate.day(plan.periodEnd))",
                        href: AdminPage.plan(id: id.uuidString).link, items: items.filter { $0.$plan.id == id }.count)
                }
            },
            newHref: identity.canSomewhere(.managePlans) ? AdminPage.newPlan.link : nil)
        return try renderer.response(model, template: "admin/plans")
    }

    private func managedUnits(_ identity: Identity, _ tree: UnitTree) -> [UnitTree.Node] {
        tree.flattened().map(\.node).filter { !$0.isRetired && identity.can(.managePlans, in: tree, unit: $0.id) }
    }

    private func newForm(_ context: AppRequestContext, fields: FormFields?, errors: [FieldProblem]) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let units = managedUnits(identity, tree)
        guard !units.isEmpty else { throw AppError.forbidden("Bạn không có quyền lập kế hoạch tuyên truyền.") }
        let plans = try await PlanQueries.allPlans(on: db)
            .filter { identity.can(.readContent, in: tree, unit: $0.$unit.id) }
        let year = VietnameseDate.year(clients.now())
        let model = PlanFormPage(
            shell: AdminShell(identity: identity, title: "Lập kế hoạch tuyên truyền", current: .plans),
            units: units.map { SelectOption(value: $0.id.uuidString, label: tree.pathName(of: $0.id), selected: $0.id.uuidString == fields?["unit"]) },
            sources: [SelectOption(value: "", label: "Không sao chép (kế hoạch trống)", selected: (fields?["copy_from"] ?? "").isEmpty)]
                + plans.compactMap { plan in
                    plan.id.map {
                        SelectOption(
                            value: $0.uuidString, label: "\(plan.title) — \(tree.nodes[plan.$unit.id]?.name ?? "")",
                            selected: $0.uuidString == fields?["copy_from"])
                    }
                },
            title: fields?["title"] ?? "Kế hoạch tuyên truyền cải cách hành chính năm \(year)", year: fields?["year"] ?? "\(year)",
            start: fields?["start"] ?? "\(year)-01-01", end: fields?["end"] ?? "\(year)-12-31",
            documentReference: fields?["document"] ?? "", isPublic: fields.map { $0["public"] == "1" } ?? true, errors: errors)
        return try renderer.response(model, template: "admin/plan-form", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let fields = try await FormFields.from(request, context: context)
        guard let unitID = UUID(uuidString: fields.text("unit")), managedUnits(identity, tree).contains(where: { $0.id == unitID }) else {
            throw AppError.forbidden("Bạn không có quyền lập kế hoạch cho đơn vị này.")
        }
        var problems = [
            FieldCheck.text(fields.text("title"), field: "title", label: "Tên kế hoạch", required: true, max: 300),
            FieldCheck.text(fields.text("document"), field: "document", label: "Số, ký hiệu văn bản", required: false, max: 60),
        ].compactMap { $0 }
        let year = RequestNumber.parse(fields.text("year"), in: 2000...2100)
        let start = PublicController.parseDay(fields.text("start")), end = PublicController.parseDay(fields.text("end"))
        if year == nil { problems.append(FieldProblem(field: "year", message: "Năm phải là số từ 2000 đến 2100.")) }
        if start == nil { problems.append(FieldProblem(field: "start", message: "Ngày bắt đầu không hợp lệ.")) }
        if end == nil { problems.append(FieldProblem(field: "end", message: "Ngày kết thúc không hợp lệ.")) }
        if let start, let end, end < start { problems.append(FieldProblem(field: "end", message: "Ngày kết thúc phải sau ngày bắt đầu.")) }
        var source: Plan?
        if let sourceID = UUID(uuidString: fields.text("copy_from")) { source = try await PlanQueries.plan(sourceID, on: db) }
        if let source, !identity.can(.readContent, in: tree, unit: source.$unit.id) { throw AppError.forbidden("Bạn không được xem kế hoạch nguồn.") }
        guard problems.isEmpty, let year, let start, let end else { return try await newForm(context, fields: fields, errors: problems) }
        let (title, document, isPublic) = (fields.text("title"), fields.text("document"), fields["public"] == "1")
        let plan = try await changing { [source] service, db in
            let plan: Plan
            if let source {
                plan = try await service.copy(source, toUnit: unitID, year: year, title: title, tree: tree)
                plan.periodStart = start
                plan.periodEnd = end
            } else {
                plan = Plan(unitID: unitID, title: title, year: year, periodStart: start, periodEnd: end, documentReference: "", isPublic: true)
            }
            plan.documentReference = document
            plan.isPublic = isPublic
            try await plan.save(on: db)
            return plan
        }
        return try await saved(plan: try plan.requireID())
    }

    // MARK: Dashboard

    private func dashboard(_ context: AppRequestContext, fields: FormFields?, errors: [FieldProblem], notice: String? = nil) async throws -> Response {
        let (identity, tree, plan) = try await Self.visiblePlan(context, on: db)
        let id = try plan.requireID().uuidString
        let summary = try await progress.summary(of: plan, on: clients.now())
        let reports = try await PlanQueries.reports(ofPlan: plan.requireID(), on: db)
        let planText = try await planDocument(plan)
        let files = try await PlanQueries.attachments(ofReports: reports.compactMap(\.id), on: db)
        let canManage = identity.can(.managePlans, in: tree, unit: plan.$unit.id)
        let reportable = summary.items.filter { identity.can(.reportActivity, in: tree, unit: $0.item.$responsibleUnit.id) }
        let rows = PlanItemRow.rows(summary)
        let model = PlanDashboardPage(
            shell: AdminShell(identity: identity, title: plan.title, current: .plans, notice: notice),
            title: plan.title, unitName: summary.unitName,
            period: "\(VietnameseDate.day(plan.periodStart)) – \(VietnameseDate.day(plan.periodEnd))",
            documentReference: plan.documentReference, documentHref: planText, day: VietnameseDate.day(summary.day),
            items: rows, itemsTotal: summary.items.count, itemsMet: summary.itemsMet, itemsOverdue: summary.itemsOverdue,
            byUnit: summary.byUnit.map { PlanUnitRow(unitName: $0.unitName, items: $0.items, met: $0.met, overdue: $0.overdue) },
            progressChart: SVGChart.progressBars(
                rows.map { SVGChart.Bar(label: "\($0.number). \($0.responsible)", percent: $0.percent, met: $0.achieved >= $0.target) }),
            timelineChart: SVGChart.monthly(summary.monthlyEvidence),
            months: summary.monthlyEvidence.map { MonthCount(month: $0.month, count: $0.count) },
            evidence: summary.items.enumerated().flatMap { index, entry in
                entry.evidence.suffix(5).map { record in
                    PlanDashboardPage.Evidence(
                        date: VietnameseDate.day(record.date), unit: tree.nodes[record.unitID]?.name ?? "", source: record.source,
                        title: record.title, item: "\(index + 1)", quantity: record.quantity)
                }
            },
            reports: reports.compactMap { report in
                guard let reportID = report.id?.uuidString else { return nil }
                let number = summary.items.firstIndex { $0.item.id == report.$item.id }.map { "\($0 + 1). " } ?? ""
                return PlanDashboardPage.ReportRow(
                    item: number + report.item.description, unit: tree.nodes[report.$unit.id]?.name ?? "",
                    date: VietnameseDate.day(report.occurredOn), description: report.description,
                    review: report.reviewState.vietnameseName, comment: report.reviewComment, quantity: report.quantity,
                    attachments: files.filter { $0.$report.id == report.id }.compactMap { file in
                        file.id.map { MenuItem(label: file.displayName, href: AdminPage.reportAttachment(id: reportID, file: $0.uuidString).link) }
                    },
                    confirmed: report.confirmedBy != nil,
                    reviewAction: identity.can(.evaluate, in: tree, unit: report.$unit.id) ? AdminPage.reviewActivityReport(id: reportID).link : nil,
                    confirmAction: report.confirmedBy == nil && identity.can(.confirmReport, in: tree, unit: report.$unit.id)
                        ? AdminPage.confirmActivityReport(id: reportID).link : nil)
            },
            reportLinks: PlanReportController.periods(of: plan).map { MenuItem(label: $0.name, href: AdminPage.planReport(id: id).link + "?ky=\($0.code)") },
            csvHref: AdminPage.planReport(id: id).link + "?ky=\(plan.year)&dinh-dang=csv",
            itemAction: canManage ? AdminPage.planItems(id: id).link : nil,
            reportAction: reportable.isEmpty ? nil : AdminPage.planActivityReports(id: id).link,
            pushAction: canManage && !tree.children(of: plan.$unit.id).filter({ $0.kind == .commune }).isEmpty ? AdminPage.planPush(id: id).link : nil,
            contents: PlanContent.allCases.map { SelectOption(value: $0.rawValue, label: $0.vietnameseName, selected: $0.rawValue == fields?["content"]) },
            channels: PlanChannel.allCases.map { SelectOption(value: $0.rawValue, label: $0.vietnameseName, selected: $0.rawValue == fields?["channel"]) },
            indicators: PlanIndicator.allCases.map {
                SelectOption(value: $0.rawValue, label: "\($0.vietnameseName) (\($0.unitName))", selected: $0.rawValue == fields?["indicator"])
            },
            units: tree.flattened(from: tree.nodes[plan.$unit.id].map { [$0] }).map(\.node).filter { !$0.isRetired }.map {
                SelectOption(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString == fields?["responsible"])
            },
            reportableItems: reportable.enumerated().compactMap { _, entry in
                entry.item.id.map { itemID in
                    let number = (summary.items.firstIndex { $0.item.id == itemID } ?? 0) + 1
                    return SelectOption(
                        value: itemID.uuidString, label: "\(number). \(entry.item.description) — \(entry.responsibleUnit)",
                        selected: itemID.uuidString == fields?["item"])
                }
            },
            errors: errors, form: fields?.all ?? [:])
        return try renderer.response(model, template: "admin/plan-dashboard", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func addItem(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (identity, tree, plan) = try await Self.visiblePlan(context, on: db)
        let fields = try await FormFields.from(request, context: context)
        let new = PlanService.NewItem(
            content: PlanContent(rawValue: fields.text("content")), description: fields.text("description"),
            channel: PlanChannel(rawValue: fields.text("channel")), indicator: PlanIndicator(rawValue: fields.text("indicator")),
            target: RequestNumber.parse(fields.text("target"), in: Int(Int32.min)...Int(Int32.max)),
            responsibleUnitID: UUID(uuidString: fields.text("responsible")),
            coordinating: fields.text("coordinating"), deadline: PublicController.parseDay(fields.text("deadline")))
        do {
            _ = try await changing { service, _ in try await service.addItem(new, to: plan, identity: identity, tree: tree) }
        } catch PlanService.Failure.invalid(let problems) {
            return try await dashboard(context, fields: fields, errors: problems)
        } catch PlanService.Failure.notPermitted {
            throw AppError.forbidden("Chỉ lãnh đạo đơn vị ban hành kế hoạch được thêm mục vào kế hoạch.")
        }
        return try await saved(plan: try plan.requireID())
    }

    private func addReport(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (identity, tree, plan) = try await Self.visiblePlan(context, on: db)
        let form = try await MultipartForm.fromEitherForm(request, context: context)
        let fields = FormFields(form.fields)
        var files: [CheckedAttachment] = []
        var refused: [FieldProblem] = []
        for file in form.files("attachments").prefix(10) {
            guard file.size <= max(configuration.documentMaxBytes, ImageProbe.maxBytes) else {
                refused.append(FieldProblem(field: "attachments", message: "Tệp «\(SafeFileName.display(file.filename))»: tệp quá lớn."))
                continue
            }
            switch CheckedAttachment.check(filename: file.filename, bytes: file.bytes, documentLimit: configuration.documentMaxBytes) {
            case .success(let attachment): files.append(attachment)
            case .failure(let problem): refused.append(problem)
            }
        }
        do {
            guard refused.isEmpty else { throw PlanService.Failure.invalid(refused) }
            let itemID = UUID(uuidString: fields.text("item"))
            let quantity = RequestNumber.parse(fields.text("quantity"), in: Int(Int32.min)...Int(Int32.max))
            let (occurredOn, description) = (PublicController.parseDay(fields.text("occurred_on")), fields.text("report_description"))
            _ = try await changing { [files, attachments] service, _ in
                try await service.report(
                    itemID: itemID, quantity: quantity, occurredOn: occurredOn, description: description,
                    attachments: files, folder: attachments, plan: plan, identity: identity, tree: tree)
            }
        } catch PlanService.Failure.invalid(let problems) {
            return try await dashboard(context, fields: fields, errors: problems)
        }
        return try await saved(plan: try plan.requireID())
    }

    /// The district hands its plan to each commune as a template; each commune then owns its copy.
    private func push(_ context: AppRequestContext) async throws -> Response {
        let (identity, tree, plan) = try await Self.visiblePlan(context, on: db)
        guard identity.can(.managePlans, in: tree, unit: plan.$unit.id) else { throw AppError.forbidden("Bạn không có quyền giao kế hoạch.") }
        let existing = try await PlanQueries.unitsHoldingCopies(of: plan.requireID(), on: db)
        let communes = tree.children(of: plan.$unit.id).filter { $0.kind == .commune && !$0.isRetired && !existing.contains($0.id) }
        // Every commune's copy, or none: a push that fails half-way is not left half-done.
        try await changing { service, _ in
            for commune in communes {
                _ = try await service.copy(plan, toUnit: commune.id, year: plan.year, title: "\(plan.title) — \(commune.name)", tree: tree)
            }
        }
        return .redirect(to: AdminPage.plans.link, type: .normal)
    }

    /// The plan's own text in the document library: a document of the issuing unit's site with the
    /// plan's number/symbol.
    private func planDocument(_ plan: Plan) async throws -> String? {
        guard let found = try await PlanQueries.planDocument(plan, on: db) else { return nil }
        return (found.site.isPrimary ? SiteMount.root : .underPrefix(found.site.slug)).path(.document(slug: found.document.slug))
    }

    /// Runs a change of plans in one write transaction with the page cache's mark (the public
    /// transparency page shows progress), so the change and the mark commit together (issue #9).
    private func changing<T: Sendable>(_ body: @escaping @Sendable (PlanService, any Database) async throws -> T) async throws -> T {
        let now = clients.now
        return try await pageCache.changingContent(on: db) { db in try await body(PlanService(db: db, now: now), db) }
    }

    private func saved(plan id: UUID) async throws -> Response {
        return .redirect(to: AdminPage.plan(id: id.uuidString).link + "?tb=\(AdminNotice.saved.rawValue)", type: .normal)
    }

    /// A report's attached file, for whoever may see the report's plan.
    private func attachment(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let report = try await report(context)
        let plan = try await report.item.$plan.get(on: db)
        let items = try await PlanQueries.items(ofPlan: plan.requireID(), on: db)
        guard Self.mayRead(plan, items: items, identity: identity, tree: tree),
            let fileID = context.parameters.get("file").flatMap(UUID.init(uuidString:)),
            let file = try await PlanQueries.attachment(fileID, ofReport: report.requireID(), on: db),
            let path = attachments.path(of: file.storedName)
        else { throw AppError.notFound }
        let data = try await Task.detached { try Data(contentsOf: URL(fileURLWithPath: path)) }.value
        var headers = HTTPFields()
        headers[.contentType] = file.mediaType
        headers[.contentDisposition] =
            "attachment; filename=\"\(file.storedName)\"; filename*=UTF-8''\(file.displayName.addingPercentEncoding(withAllowedCharacters: .urlPathSegmentAllowed) ?? file.storedName)"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func report(_ context: AppRequestContext) async throws -> ActivityReport {
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let report = try await PlanQueries.report(id, on: db)
        else { throw AppError.notFound }
        return report
    }

    private func review(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let report = try await report(context)
        let fields = try await FormFields.from(request, context: context)
        do {
            let (review, comment) = (ReportReview(rawValue: fields.text("review")) ?? .pending, fields.text("comment"))
            try await changing { service, _ in try await service.review(report, as: review, comment: comment, identity: identity, tree: tree) }
        } catch PlanService.Failure.notPermitted {
            throw AppError.forbidden("Chỉ cán bộ thanh tra, đánh giá được xác minh báo cáo.")
        } catch PlanService.Failure.invalid(let problems) {
            throw AppError.badRequest(problems.map(\.message).joined(separator: " "))
        }
        return try await saved(plan: report.item.$plan.id)
    }

    private func confirm(_ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let report = try await report(context)
        do {
            try await changing { service, _ in try await service.confirm(report, identity: identity, tree: tree) }
        } catch PlanService.Failure.notPermitted {
            throw AppError.forbidden("Chỉ lãnh đạo đơn vị báo cáo được xác nhận báo cáo.")
        }
        return try await saved(plan: report.item.$plan.id)
    }
}
