import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// Changes to plans, their items and the units' reports, with the checks issue #5 asks for. Controllers
/// call it after decoding a form; every refusal is a `FieldProblem` in Vietnamese or `notPermitted`.
struct PlanService: Sendable {
    let db: any Database
    let now: @Sendable () -> Date

    enum Failure: Error, Equatable {
        case invalid([FieldProblem])
        case notPermitted
    }

    struct NewItem: Sendable {
        var content: PlanContent?
        var description: String
        var channel: PlanChannel?
        var indicator: PlanIndicator?
        var target: Int?
        var responsibleUnitID: UUID?
        var coordinating: String
        var deadline: Date?
    }

    func addItem(_ new: NewItem, to plan: Plan, identity: Identity, tree: UnitTree) async throws -> PlanItem {
        guard identity.can(.managePlans, in: tree, unit: plan.$unit.id) else { throw Failure.notPermitted }
        var problems = [
            FieldCheck.text(new.description, field: "description", label: "Nội dung cụ thể", required: true, max: 1_000),
            FieldCheck.text(new.coordinating, field: "coordinating", label: "Đơn vị phối hợp", required: false, max: 500),
        ].compactMap { $0 }
        if new.content == nil { problems.append(FieldProblem(field: "content", message: "Vui lòng chọn nhóm nội dung.")) }
        if new.channel == nil { problems.append(FieldProblem(field: "channel", message: "Vui lòng chọn hình thức tuyên truyền.")) }
        if new.indicator == nil { problems.append(FieldProblem(field: "indicator", message: "Vui lòng chọn chỉ tiêu được đếm.")) }
        let responsible = new.responsibleUnitID.flatMap { tree.nodes[$0] }
        if responsible == nil {
            problems.append(FieldProblem(field: "responsible", message: "Vui lòng chọn đơn vị chủ trì."))
        } else if let responsible, !tree.isDescendant(responsible.id, of: plan.$unit.id) {
            problems.append(FieldProblem(field: "responsible", message: "Đơn vị chủ trì phải thuộc đơn vị ban hành kế hoạch."))
        }
        problems += PlanItemCheck.problems(
            target: new.target, deadline: new.deadline, periodStart: plan.periodStart, periodEnd: plan.periodEnd,
            responsibleUnitRetired: responsible?.isRetired ?? false)
        guard problems.isEmpty, let content = new.content, let channel = new.channel, let indicator = new.indicator,
            let target = new.target, let responsible, let deadline = new.deadline
        else { throw Failure.invalid(problems) }
        let position = (try await PlanItem.query(on: db).filter(\.$plan.$id == plan.requireID()).max(\.$position) ?? 0) + 1
        let item = PlanItem(
            planID: try plan.requireID(), content: content, description: new.description.trimmingCharacters(in: .whitespacesAndNewlines),
            channel: channel, indicator: indicator, target: target, responsibleUnitID: responsible.id,
            coordinating: new.coordinating.trimmingCharacters(in: .whitespacesAndNewlines), deadline: deadline, position: position)
        try await item.create(on: db)
        return item
    }

    /// A unit's report of work on one of its own items, with its attachments written to `folder`.
    func report(
        itemID: UUID?, quantity: Int?, occurredOn: Date?, description: String, attachments: [CheckedAttachment] = [], folder: UploadFolder? = nil,
        plan: Plan, identity: Identity, tree: UnitTree
    ) async throws -> ActivityReport {
        guard let itemID, let item = try await PlanItem.query(on: db).filter(\.$id == itemID).filter(\.$plan.$id == plan.requireID()).first() else {
            throw Failure.invalid([FieldProblem(field: "item", message: "Vui lòng chọn một mục của kế hoạch này.")])
        }
        // Nobody reports for another unit: the reporter must be entitled on the item's responsible unit.
        guard identity.can(.reportActivity, in: tree, unit: item.$responsibleUnit.id) else {
            throw Failure.invalid([FieldProblem(field: "item", message: "Mục này do đơn vị khác chủ trì; bạn chỉ báo cáo được các mục của đơn vị mình.")])
        }
        var problems = [FieldCheck.text(description, field: "report_description", label: "Mô tả hoạt động", required: true, max: 1_000)].compactMap { $0 }
        if let quantity {
            if quantity <= 0 || quantity > 1_000_000 { problems.append(FieldProblem(field: "quantity", message: "Số lượng phải từ 1 đến 1.000.000.")) }
        } else {
            problems.append(FieldProblem(field: "quantity", message: "Số lượng phải là một số nguyên."))
        }
        if let occurredOn {
            if occurredOn < plan.periodStart || occurredOn > plan.periodEnd.addingTimeInterval(86_399) {
                problems.append(FieldProblem(field: "occurred_on", message: "Ngày thực hiện phải nằm trong thời gian của kế hoạch."))
            } else if occurredOn > now() {
                problems.append(FieldProblem(field: "occurred_on", message: "Không báo cáo trước một hoạt động chưa diễn ra."))
            }
        } else {
            problems.append(FieldProblem(field: "occurred_on", message: "Ngày thực hiện phải là một ngày hợp lệ."))
        }
        guard problems.isEmpty, let quantity, let occurredOn else { throw Failure.invalid(problems) }
        let report = ActivityReport(
            itemID: itemID, unitID: item.$responsibleUnit.id, quantity: quantity, occurredOn: occurredOn,
            description: description.trimmingCharacters(in: .whitespacesAndNewlines), createdBy: identity.userID)
        // Files first, then the rows in one transaction; if anything fails the written files go again.
        var written: [(CheckedAttachment, String)] = []
        do {
            if let folder {
                for attachment in attachments { written.append((attachment, try folder.write(attachment.data, extension: attachment.fileExtension).name)) }
            }
            let stored = written
            try await db.writeTransaction { db in
                try await report.create(on: db)
                for (attachment, name) in stored {
                    try await ReportAttachment(
                        reportID: report.requireID(), displayName: attachment.displayName, storedName: name,
                        mediaType: attachment.mediaType, size: attachment.data.count
                    ).create(on: db)
                }
            }
        } catch {
            for (_, name) in written { folder?.remove(name) }
            throw error
        }
        return report
    }

    /// The inspector's verdict on a report.
    func review(_ report: ActivityReport, as review: ReportReview, comment: String, identity: Identity, tree: UnitTree) async throws {
        guard identity.can(.evaluate, in: tree, unit: report.$unit.id) else { throw Failure.notPermitted }
        var problems = [FieldCheck.text(comment, field: "comment", label: "Nhận xét", required: review == .questioned, max: 1_000)].compactMap { $0 }
        if review == .pending { problems.append(FieldProblem(field: "review", message: "Vui lòng chọn xác minh hoặc cần làm rõ.")) }
        guard problems.isEmpty else { throw Failure.invalid(problems) }
        report.review = review.rawValue
        report.reviewComment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        try await report.save(on: db)
    }

    /// A leader of the reporting unit confirms its report.
    func confirm(_ report: ActivityReport, identity: Identity, tree: UnitTree) async throws {
        guard identity.can(.confirmReport, in: tree, unit: report.$unit.id) else { throw Failure.notPermitted }
        report.confirmedBy = identity.userID
        try await report.save(on: db)
    }

    /// A copy of `source` for `unitID` and `year` (last year's plan adjusted, or a template pushed down):
    /// dates move by whole years; items the new unit cannot own are given to it.
    func copy(_ source: Plan, toUnit unitID: UUID, year: Int, title: String, tree: UnitTree) async throws -> Plan {
        let shift = year - source.year
        @Sendable func moved(_ date: Date) -> Date {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = VietnameseDate.timeZone
            return calendar.date(byAdding: .year, value: shift, to: date) ?? date
        }
        let items = try await PlanItem.query(on: db).filter(\.$plan.$id == source.requireID()).sort(\.$position).all()
        return try await db.writeTransaction { db in
            let plan = Plan(
                unitID: unitID, title: title, year: year, periodStart: moved(source.periodStart), periodEnd: moved(source.periodEnd),
                documentReference: "", isPublic: source.isPublic)
            plan.copiedFrom = source.id
            try await plan.create(on: db)
            for item in items {
                let responsible =
                    tree.isDescendant(item.$responsibleUnit.id, of: unitID) && !(tree.nodes[item.$responsibleUnit.id]?.isRetired ?? true)
                    ? item.$responsibleUnit.id : unitID
                try await PlanItem(
                    planID: plan.requireID(), content: item.contentKind, description: item.description, channel: item.channelKind,
                    indicator: item.indicatorKind, target: item.target, responsibleUnitID: responsible, coordinating: item.coordinating,
                    deadline: moved(item.deadline), position: item.position
                ).create(on: db)
            }
            return plan
        }
    }
}

extension PlanService.Failure: UserFacingError {
    var status: HTTPResponse.Status { self == .notPermitted ? .forbidden : .unprocessableContent }

    var userMessage: String {
        switch self {
        case .invalid(let problems): problems.map(\.message).joined(separator: " ")
        case .notPermitted: "Bạn không có quyền thực hiện thao tác này với kế hoạch này."
        }
    }

    var fieldProblems: [FieldProblem] {
        if case .invalid(let problems) = self { return problems }
        return [FieldProblem(field: "", message: userMessage)]
    }
}
