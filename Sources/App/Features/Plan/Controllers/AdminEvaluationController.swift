import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// The Home Affairs office scores units per year and records inspection visits (issue #5).
struct AdminEvaluationController: Sendable {
    let database: DatabaseStack
    /// Taken per use: the next event loop's connections, the request's logger.
    var db: any Database { database.db }
    let renderer: PageRenderer
    let clients: Clients

    private var service: EvaluationService { EvaluationService(db: db, now: clients.now) }

    struct EvaluationPage: Sendable {
        struct Header: Sendable { var code, title, maxPoints, rule: String }
        struct Row: Sendable { var unit: String; var cells: [Cell]; var total: String }
        struct Cell: Sendable { var points: String; var note: String }
        struct History: Sendable { var unit: String; var totals: [String] }
        struct Visit: Sendable { var date, unit, findings, followUp, due, inspector: String }
        var shell: AdminShell
        var year: Int
        var years: [SelectOption]
        var headers: [Header]
        var rows: [Row]
        var historyYears: [Int]
        var history: [History]
        var scoreAction: String
        var inspectionAction: String
        var criterionAction: String?
        var rules: [SelectOption]
        var manualCriteria: [SelectOption]
        var units: [SelectOption]
        var visits: [Visit]
        var form: [String: String]
        var errors: [FieldProblem]
    }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.evaluation.rawValue)) { request, context in
            try await page(request, context, fields: nil, errors: [], notice: AdminNotice.message(in: request))
        }
        group.post(RouterPath(AdminRoute.evaluation.rawValue)) { request, context in try await score(request, context) }
        group.post(RouterPath(AdminRoute.inspections.rawValue)) { request, context in try await inspect(request, context) }
        group.post(RouterPath(AdminRoute.criteria.rawValue)) { request, context in try await addCriterion(request, context) }
    }

    private func year(_ request: Request, _ fields: FormFields?) -> Int {
        RequestNumber.parse(fields?.text("year"), in: 2000...2100)
            ?? RequestNumber.parse(request.uri.queryParameters.get("nam"), in: 2000...2100) ?? VietnameseDate.year(clients.now())
    }

    private func page(_ request: Request, _ context: AppRequestContext, fields: FormFields?, errors: [FieldProblem], notice: String? = nil) async throws
        -> Response
    {
        let identity = try context.requireIdentity()
        guard identity.canSomewhere(.evaluate) else { throw AppError.forbidden("Chỉ cán bộ thanh tra, đánh giá (Nội vụ) được chấm điểm.") }
        let tree = try context.units()
        let year = year(request, fields)
        let units = service.evaluatedUnits(identity, tree: tree)
        let sheet = try await service.sheet(year: year, units: units, tree: tree)
        let planYears = Set(try await Plan.query(on: db).all().map(\.year)).union(try await EvaluationScore.query(on: db).all().map(\.year)).union([year])
        let historyYears = planYears.sorted().suffix(4)
        var history: [EvaluationPage.History] = units.map { EvaluationPage.History(unit: $0.name, totals: []) }
        for past in historyYears {
            let pastSheet = past == year ? sheet : try await service.sheet(year: past, units: units, tree: tree)
            for (index, unit) in units.enumerated() { history[index].totals.append(Evaluation.format(pastSheet.total(unit.id))) }
        }
        let visits = try await Inspection.query(on: db).filter(\.$unit.$id ~~ units.map(\.id)).sort(\.$visitedOn, .descending).limit(50).all()
        let model = EvaluationPage(
            shell: AdminShell(identity: identity, title: "Đánh giá công tác tuyên truyền", current: .evaluation, notice: notice),
            year: year,
            years: planYears.sorted(by: >).map { SelectOption(value: "\($0)", label: "\($0)", selected: $0 == year) },
            headers: sheet.criteria.map {
                EvaluationPage.Header(code: $0.code, title: $0.title, maxPoints: Evaluation.format($0.maxPoints), rule: $0.evaluationRule.vietnameseName)
            },
            rows: units.map { unit in
                EvaluationPage.Row(
                    unit: unit.name,
                    cells: (sheet.cells[unit.id] ?? []).map { EvaluationPage.Cell(points: $0.points.map(Evaluation.format) ?? "—", note: $0.comment) },
                    total: Evaluation.format(sheet.total(unit.id)))
            },
            historyYears: Array(historyYears), history: history,
            scoreAction: AdminPage.evaluation.link, inspectionAction: AdminPage.inspections.link,
            criterionAction: try await service.mayEditCriteria(identity, tree: tree) ? AdminPage.criteria.link : nil,
            rules: EvaluationRule.allCases.map { SelectOption(value: $0.rawValue, label: $0.vietnameseName, selected: $0.rawValue == fields?["rule"]) },
            manualCriteria: sheet.criteria.filter { $0.evaluationRule == .manual }.compactMap { criterion in
                criterion.id.map {
                    SelectOption(
                        value: $0.uuidString, label: "\(criterion.code) \(criterion.title) (tối đa \(Evaluation.format(criterion.maxPoints)))",
                        selected: $0.uuidString == fields?["criterion"])
                }
            },
            units: units.map { SelectOption(value: $0.id.uuidString, label: $0.name, selected: $0.id.uuidString == fields?["unit"]) },
            visits: visits.map { visit in
                EvaluationPage.Visit(
                    date: VietnameseDate.day(visit.visitedOn), unit: tree.nodes[visit.$unit.id]?.name ?? "", findings: visit.findings,
                    followUp: visit.followUp, due: visit.followUpDue.map(VietnameseDate.day) ?? "", inspector: visit.inspectorName)
            },
            form: fields?.all ?? [:], errors: errors)
        return try renderer.response(model, template: "admin/evaluation", status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func score(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let fields = try await FormFields.from(request, context: context)
        let year = year(request, fields)
        do {
            try await service.score(
                criterionID: UUID(uuidString: fields.text("criterion")), unitID: UUID(uuidString: fields.text("unit")), year: year,
                points: fields.text("points"), comment: fields.text("comment"), identity: identity, tree: tree)
        } catch EvaluationService.Failure.notPermitted {
            throw AppError.forbidden("Bạn không được chấm điểm đơn vị này.")
        } catch EvaluationService.Failure.invalid(let problems) {
            return try await page(request, context, fields: fields, errors: problems)
        }
        return .redirect(to: AdminPage.evaluation.link + "?nam=\(year)&tb=\(AdminNotice.saved.rawValue)", type: .normal)
    }

    private func addCriterion(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let fields = try await FormFields.from(request, context: context)
        do {
            try await service.addCriterion(
                code: fields.text("code"), title: fields.text("title"), maxPoints: fields.text("max_points"), rule: fields.text("rule"),
                identity: identity, tree: tree)
        } catch EvaluationService.Failure.notPermitted {
            throw AppError.forbidden("Chỉ cán bộ đánh giá cấp cao nhất được sửa bộ tiêu chí.")
        } catch EvaluationService.Failure.invalid(let problems) {
            return try await page(request, context, fields: fields, errors: problems)
        }
        return .redirect(to: AdminPage.evaluation.link + "?nam=\(year(request, fields))&tb=\(AdminNotice.saved.rawValue)", type: .normal)
    }

    private func inspect(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let tree = try context.units()
        let fields = try await FormFields.from(request, context: context)
        guard let unitID = UUID(uuidString: fields.text("unit")), service.evaluatedUnits(identity, tree: tree).contains(where: { $0.id == unitID }) else {
            throw AppError.forbidden("Bạn không được ghi nhận kiểm tra đơn vị này.")
        }
        var problems = [
            FieldCheck.text(fields.text("findings"), field: "findings", label: "Kết quả kiểm tra", required: true, max: 5_000),
            FieldCheck.text(fields.text("follow_up"), field: "follow_up", label: "Yêu cầu khắc phục", required: false, max: 5_000),
        ].compactMap { $0 }
        let visited = PublicController.parseDay(fields.text("visited_on"))
        if visited == nil { problems.append(FieldProblem(field: "visited_on", message: "Ngày kiểm tra không hợp lệ.")) }
        let due = fields.text("follow_up_due").isEmpty ? nil : PublicController.parseDay(fields.text("follow_up_due"))
        if !fields.text("follow_up_due").isEmpty && due == nil { problems.append(FieldProblem(field: "follow_up_due", message: "Hạn khắc phục không hợp lệ.")) }
        if let visited, let due, due < visited { problems.append(FieldProblem(field: "follow_up_due", message: "Hạn khắc phục phải sau ngày kiểm tra.")) }
        guard problems.isEmpty, let visited else { return try await page(request, context, fields: fields, errors: problems) }
        try await Inspection(
            unitID: unitID, visitedOn: visited, inspectorName: identity.name, findings: fields.text("findings"),
            followUp: fields.text("follow_up"), followUpDue: due
        ).create(on: db)
        return .redirect(to: AdminPage.evaluation.link + "?nam=\(year(request, fields))&tb=\(AdminNotice.saved.rawValue)", type: .normal)
    }
}
