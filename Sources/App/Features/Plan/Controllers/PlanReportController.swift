import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// "Báo cáo kết quả công tác tuyên truyền cải cách hành chính" for a quarter or the year, printable as
/// HTML (and so as PDF from the browser) and as a CSV of the indicators. Its numbers come from the
/// same `PlanSummary` as the dashboard's.
struct PlanReportController: Sendable {
    let database: DatabaseStack
    /// Taken per use: the next event loop's connections, the request's logger.
    var db: any Database { database.db }
    let renderer: PageRenderer
    let clients: Clients

    struct Period: Sendable, Equatable {
        var code: String
        var name: String
        var end: Date
    }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.planReport.rawValue)) { request, context in try await report(request, context) }
    }

    /// The year and its four quarters, each ending on its last day.
    static func periods(of plan: Plan) -> [Period] {
        let year = plan.year
        return [Period(code: "\(year)", name: "Cả năm \(year)", end: plan.periodEnd)]
            + (1...4).map { quarter in
                // The day before the next quarter starts (month 13 is January of the next year).
                let end = (CalendarDay(year: year, month: quarter * 3 + 1, day: 1).date ?? plan.periodEnd).addingTimeInterval(-86_400)
                return Period(code: "\(year)-Q\(quarter)", name: "Quý \(["I", "II", "III", "IV"][quarter - 1]) năm \(year)", end: min(end, plan.periodEnd))
            }
    }

    private func report(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, tree, plan) = try await AdminPlansController.visiblePlan(context, on: db)
        let code = request.uri.queryParameters.get("ky").map { String($0) } ?? "\(plan.year)"
        guard let period = Self.periods(of: plan).first(where: { $0.code == code }) else {
            throw AppError.badRequest("Kỳ báo cáo «\(code)» không hợp lệ: dùng năm (\(plan.year)) hoặc quý (\(plan.year)-Q1 … \(plan.year)-Q4).")
        }
        // Judged as of the end of the period (or today, while it runs): a closed year's unmet items are overdue.
        let day = min(clients.now(), period.end.addingTimeInterval(86_400))
        let summary = try await PlanProgressService(db: db, sources: PlanProgressService.standardSources())
            .summary(of: plan, on: day, until: period.end)
        let rows = PlanItemRow.rows(summary)
        let id = try plan.requireID().uuidString
        if request.uri.queryParameters.get("dinh-dang") == "csv" {
            return csv(rows, plan: plan, period: period)
        }
        let issuer = tree.nodes[plan.$unit.id]
        let model = PlanReportPage(
            title: "Báo cáo kết quả công tác tuyên truyền cải cách hành chính \(period.name.lowercased())",
            issuer: "ỦY BAN NHÂN DÂN \((issuer?.name ?? "").uppercased())",
            parentIssuer: issuer?.parentID.flatMap { tree.nodes[$0]?.name.uppercased() } ?? "",
            number: "Số:      /BC-UBND",
            placeAndDate:
                "\(issuer?.name.replacingOccurrences(of: "Huyện ", with: "").replacingOccurrences(of: "Xã ", with: "") ?? ""), \(VietnameseDate.longDay(clients.now()))",
            periodName: period.name, periodPhrase: period.name.prefix(1).lowercased() + period.name.dropFirst(), planTitle: plan.title,
            documentReference: plan.documentReference,
            items: rows, itemsTotal: summary.items.count, itemsMet: summary.itemsMet, itemsOverdue: summary.itemsOverdue,
            byUnit: summary.byUnit.map { PlanUnitRow(unitName: $0.unitName, items: $0.items, met: $0.met, overdue: $0.overdue) },
            dashboardHref: AdminPage.plan(id: id).link,
            csvHref: AdminPage.planReport(id: id).link + "?ky=\(period.code)&dinh-dang=csv")
        return try renderer.response(model, template: "admin/plan-report")
    }

    /// One row per item; UTF-8 with a byte-order mark so Excel opens the Vietnamese correctly.
    private func csv(_ rows: [PlanItemRow], plan: Plan, period: Period) -> Response {
        let field = CSVWriter.text
        var lines = [
            ["STT", "Nội dung", "Hình thức", "Đơn vị chủ trì", "Chỉ tiêu", "Chỉ tiêu giao", "Kết quả", "Tỷ lệ (%)", "Thời hạn", "Đánh giá"].map(field)
        ]
        for row in rows {
            lines.append([
                "\(row.number)", field(row.description), field(row.channel), field(row.responsible), field(row.indicator),
                "\(row.target)", "\(row.achieved)", "\(row.percent)", field(row.deadline), field(row.status),
            ])
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"bao-cao-tuyen-truyen-cchc-\(period.code).csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: CSVWriter.document(lines))))
    }
}
