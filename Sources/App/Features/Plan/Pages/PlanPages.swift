import Foundation
import LoaCore

/// One row of a plan's item table, as the dashboard, the report and the public page print it.
struct PlanItemRow: Sendable {
    var number: Int
    var content: String
    var description: String
    var channel: String
    var responsible: String
    var coordinating: String
    var indicator: String
    /// "tin, bài": what the numbers count.
    var unitName: String
    var target: Int
    var achieved: Int
    var percent: Int
    var status: String
    var statusClass: String
    var deadline: String

    init(_ entry: PlanSummary.Item, number: Int) {
        self.number = number
        content = entry.item.contentKind.vietnameseName
        description = entry.item.description
        channel = entry.item.channelKind.vietnameseName
        responsible = entry.responsibleUnit
        coordinating = entry.item.coordinating
        indicator = "\(entry.item.indicatorKind.vietnameseName) (\(entry.item.indicatorKind.unitName))"
        target = entry.progress.target
        achieved = entry.progress.achieved
        percent = entry.progress.percent
        status = entry.progress.status.vietnameseName
        statusClass = "status-\(entry.progress.status.rawValue)"
        deadline = VietnameseDate.day(entry.item.deadline)
        unitName = entry.item.indicatorKind.unitName
    }

    static func rows(_ summary: PlanSummary) -> [PlanItemRow] {
        summary.items.enumerated().map { PlanItemRow($0.element, number: $0.offset + 1) }
    }
}

struct PlanUnitRow: Sendable {
    var unitName: String
    var items: Int
    var met: Int
    var overdue: Int
}

struct PlanListPage: Sendable {
    struct Row: Sendable { var title, unit, period, href: String; var items: Int }
    var shell: AdminShell
    var rows: [Row]
    var newHref: String?
    var eventsHref = AdminPage.events.link
    var evaluationHref = AdminPage.evaluation.link
}

struct PlanFormPage: Sendable {
    var shell: AdminShell
    var action = AdminPage.newPlan.link
    var units: [SelectOption]
    var sources: [SelectOption]
    var title, year, start, end, documentReference: String
    var isPublic: Bool
    var errors: [FieldProblem]
}

struct PlanDashboardPage: Sendable {
    struct ReportRow: Sendable {
        var item, unit, date, description, review, comment: String
        var quantity: Int
        var attachments: [MenuItem]
        var confirmed: Bool
        var reviewAction: String?
        var confirmAction: String?
    }
    struct Evidence: Sendable { var date, unit, source, title, item: String; var quantity: Int }

    var shell: AdminShell
    var title: String
    var unitName: String
    var period: String
    var documentReference: String
    var documentHref: String?
    var day: String
    var items: [PlanItemRow]
    var itemsTotal: Int
    var itemsMet: Int
    var itemsOverdue: Int
    var byUnit: [PlanUnitRow]
    var progressChart: String
    var timelineChart: String
    var months: [MonthCount]
    var evidence: [Evidence]
    var reports: [ReportRow]
    var reportLinks: [MenuItem]
    var csvHref: String
    // Forms, shown to who may use them.
    var itemAction: String?
    var reportAction: String?
    var pushAction: String?
    var contents: [SelectOption]
    var channels: [SelectOption]
    var indicators: [SelectOption]
    var units: [SelectOption]
    var reportableItems: [SelectOption]
    var errors: [FieldProblem]
    var form: [String: String]
}

struct MonthCount: Sendable {
    var month: Int
    var count: Int
}

/// "Báo cáo kết quả công tác tuyên truyền cải cách hành chính" in the usual administrative layout.
struct PlanReportPage: Sendable {
    var title: String
    var issuer: String
    var parentIssuer: String
    var number: String
    var placeAndDate: String
    var periodName: String
    /// The period inside a sentence: "cả năm 2020", "quý I năm 2020".
    var periodPhrase: String
    var planTitle: String
    var documentReference: String
    var items: [PlanItemRow]
    var itemsTotal: Int
    var itemsMet: Int
    var itemsOverdue: Int
    var byUnit: [PlanUnitRow]
    var dashboardHref: String
    var csvHref: String
}
