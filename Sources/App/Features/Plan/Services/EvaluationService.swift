import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// Scores of units against the criteria for a year: typed by the inspector, or computed from the
/// plans' progress for criteria with a rule.
struct EvaluationService: Sendable {
    let db: any Database
    let now: @Sendable () -> Date

    struct Sheet: Sendable {
        struct Cell: Sendable { var points: Double?; var computed: Bool; var comment: String }
        var criteria: [EvaluationCriterion]
        var units: [UnitTree.Node]
        /// cells[unit][criterion index]
        var cells: [UUID: [Cell]]

        func total(_ unit: UUID) -> Double { (cells[unit] ?? []).compactMap(\.points).reduce(0, +) }
    }

    /// Districts and communes the identity may evaluate.
    func evaluatedUnits(_ identity: Identity, tree: UnitTree) -> [UnitTree.Node] {
        tree.flattened().map(\.node).filter {
            [.district, .commune].contains($0.kind) && !$0.isRetired && identity.can(.evaluate, in: tree, unit: $0.id)
        }
    }

    func sheet(year: Int, units: [UnitTree.Node], tree: UnitTree) async throws -> Sheet {
        let criteria = try await EvaluationCriterion.query(on: db).sort(\.$position).all()
        let scores = try await EvaluationScore.query(on: db).filter(\.$year == year).all()
        let progress = PlanProgressService(db: db, sources: PlanProgressService.standardSources())
        var items: [PlanSummary.Item] = []
        for plan in try await Plan.query(on: db).filter(\.$year == year).all() {
            items += try await progress.summary(of: plan, on: now()).items
        }
        var cells: [UUID: [Sheet.Cell]] = [:]
        for unit in units {
            let subtree = tree.subtree(of: unit.id)
            let own = items.filter { subtree.contains($0.item.$responsibleUnit.id) }
            cells[unit.id] = criteria.map { criterion in
                switch criterion.evaluationRule {
                case .targetsMet:
                    let met = own.filter { $0.progress.status == .met }.count
                    return Sheet.Cell(
                        points: Evaluation.computedPoints(maxPoints: criterion.maxPoints, itemsMet: met, itemsTotal: own.count),
                        computed: true, comment: "\(met)/\(own.count) mục đạt chỉ tiêu")
                case .manual:
                    let score = scores.first { $0.$criterion.id == criterion.id && $0.$unit.id == unit.id }
                    return Sheet.Cell(points: score?.points, computed: false, comment: score?.comment ?? "")
                }
            }
        }
        return Sheet(criteria: criteria, units: units, cells: cells)
    }

    enum Failure: Error, Equatable { case invalid([FieldProblem]), notPermitted }

    /// Whether the identity evaluates for the deployment's main unit (the primary site's), which owns the
    /// criteria set: the Home Affairs office of the district, or of the province.
    func mayEditCriteria(_ identity: Identity, tree: UnitTree) async throws -> Bool {
        guard let main = try await Site.query(on: db).filter(\.$isPrimary == true).first()?.$unit.id else { return false }
        return identity.can(.evaluate, in: tree, unit: main)
    }

    /// A new criterion of the set.
    func addCriterion(code: String, title: String, maxPoints: String, rule: String, identity: Identity, tree: UnitTree) async throws {
        guard try await mayEditCriteria(identity, tree: tree) else { throw Failure.notPermitted }
        var problems = [
            FieldCheck.text(code, field: "code", label: "Mã tiêu chí", required: true, max: 20),
            FieldCheck.text(title, field: "title", label: "Tên tiêu chí", required: true, max: 500),
        ].compactMap { $0 }
        let points = Evaluation.parse(maxPoints)
        if points == nil || points! <= 0 || points! > 100 {
            problems.append(FieldProblem(field: "max_points", message: "Điểm tối đa phải là số lớn hơn 0 và không quá 100."))
        }
        let evaluationRule = EvaluationRule(rawValue: rule)
        if evaluationRule == nil { problems.append(FieldProblem(field: "rule", message: "Vui lòng chọn cách chấm.")) }
        let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty, try await EvaluationCriterion.query(on: db).filter(\.$code == trimmed).count() > 0 {
            problems.append(FieldProblem(field: "code", message: "Mã tiêu chí «\(trimmed)» đã có."))
        }
        guard problems.isEmpty, let points, let evaluationRule else { throw Failure.invalid(problems) }
        let position = (try await EvaluationCriterion.query(on: db).max(\.$position) ?? 0) + 1
        try await EvaluationCriterion(
            code: trimmed, title: title.trimmingCharacters(in: .whitespacesAndNewlines), maxPoints: points, rule: evaluationRule, position: position
        ).create(on: db)
    }

    func score(criterionID: UUID?, unitID: UUID?, year: Int, points: String, comment: String, identity: Identity, tree: UnitTree) async throws {
        guard let unitID, evaluatedUnits(identity, tree: tree).contains(where: { $0.id == unitID }) else { throw Failure.notPermitted }
        guard let criterionID, let criterion = try await EvaluationCriterion.find(criterionID, on: db) else {
            throw Failure.invalid([FieldProblem(field: "criterion", message: "Vui lòng chọn tiêu chí.")])
        }
        guard criterion.evaluationRule == .manual else {
            throw Failure.invalid([FieldProblem(field: "criterion", message: "Tiêu chí này được tính tự động từ tiến độ kế hoạch, không chấm tay.")])
        }
        let value = Evaluation.parse(points)
        var problems = [
            Evaluation.check(points: value, maxPoints: criterion.maxPoints),
            FieldCheck.text(comment, field: "comment", label: "Nhận xét", required: false, max: 1_000),
        ].compactMap { $0 }
        if !(2000...2100).contains(year) { problems.append(FieldProblem(field: "year", message: "Năm đánh giá không hợp lệ.")) }
        guard problems.isEmpty, let value else { throw Failure.invalid(problems) }
        let existing = try await EvaluationScore.query(on: db).filter(\.$criterion.$id == criterionID)
            .filter(\.$unit.$id == unitID).filter(\.$year == year).first()
        let score = existing ?? EvaluationScore(criterionID: criterionID, unitID: unitID, year: year, points: value, comment: "", scoredBy: "", at: now())
        score.points = value
        score.comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        score.scoredBy = identity.name
        score.scoredAt = now()
        try await score.save(on: db)
    }
}

extension EvaluationService.Failure: UserFacingError {
    var status: HTTPResponse.Status { self == .notPermitted ? .forbidden : .unprocessableContent }

    var userMessage: String {
        switch self {
        case .invalid(let problems): problems.map(\.message).joined(separator: " ")
        case .notPermitted: "Bạn không có quyền đánh giá đơn vị này."
        }
    }

    var fieldProblems: [FieldProblem] {
        if case .invalid(let problems) = self { return problems }
        return [FieldProblem(field: "", message: userMessage)]
    }
}
