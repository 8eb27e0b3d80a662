import FluentKit
import Foundation
import Hummingbird
import LoaCore

/// "Báo cáo phát sóng": bulletins and minutes aired per station for a month or a quarter, from the
/// as-run log, as a page and as CSV (issue #11). Each user sees the stations of their subtree.
struct AdminRadioReportController: Sendable {
    let database: DatabaseStack
    var db: any Database { database.db }
    let renderer: PageRenderer
    let clients: Clients

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(AdminRoute.radioReport.rawValue)) { request, context in try await report(request, context) }
    }

    struct Row: Sendable {
        var station, unit: String
        var totals: RadioAirReport.Totals
        /// Stored, not computed: templates see stored properties only.
        var minutes: Int

        init(station: String, unit: String, totals: RadioAirReport.Totals) {
            self.station = station
            self.unit = unit
            self.totals = totals
            self.minutes = totals.minutesOnAir
        }
    }

    struct Page: Sendable {
        struct Choice: Sendable { var code, name: String; var selected: Bool }
        var shell: AdminShell
        var periodName: String
        var periods: [Choice]
        var years: [Choice]
        var rows: [Row]
        var total: Row
        var csvHref: String
        var stationsHref = AdminPage.radioStations.link
    }

    private func report(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        guard identity.canSomewhere(.readContent) else { throw AppError.forbidden(AdminRadioStationsController.noRights) }
        let period = try Self.period(request, now: clients.now())
        let tree = try context.units()
        let stations = try await RadioStationRecord.query(on: db).sort(\.$name).all().filter { identity.can(.readContent, in: tree, unit: $0.$unit.id) }
        let entries = try await RadioAsRunEntry.query(on: db)
            .filter(\.$station.$id ~~ stations.compactMap(\.id))
            .filter(\.$plannedStart >= period.start).filter(\.$plannedStart < period.end)
            .all()
        let totals = RadioAirReport.totals(
            entries.map { entry in
                RadioAirReport.Play(
                    stationID: entry.$station.id.uuidString, bulletinID: entry.$bulletin.id?.uuidString, priority: entry.priority,
                    result: RadioAirReport.Result(rawValue: entry.result) ?? .failed, actualStart: entry.actualStart, actualEnd: entry.actualEnd)
            })
        let rows = try stations.map { station in
            Row(
                station: station.name, unit: tree.nodes[station.$unit.id]?.name ?? "",
                totals: totals[try station.requireID().uuidString] ?? RadioAirReport.Totals())
        }
        if request.uri.queryParameters.get("dinh-dang") == "csv" { return csv(rows, period: period) }
        let page = Page(
            shell: AdminShell(identity: identity, title: "Báo cáo phát sóng", current: .radioStations), periodName: period.name,
            periods: ReportPeriod.all(in: period.year).map { .init(code: String($0.code.dropFirst(5)), name: Self.shortName($0), selected: $0 == period) },
            years: Self.years(around: clients.now()).map { .init(code: "\($0)", name: "\($0)", selected: $0 == period.year) },
            rows: rows, total: Self.sum(rows), csvHref: AdminPage.radioReport.link + "?ky=\(period.code)&dinh-dang=csv")
        return try renderer.response(page, template: "admin/radio-report")
    }

    /// `?ky=2020-Q1` or `?ky=2020-03`, or `?nam=2020&ky=Q1` from the picker; the current month when absent.
    static func period(_ request: Request, now: Date) throws -> ReportPeriod {
        let parameters = request.uri.queryParameters
        guard let asked = parameters.get("ky").map({ String($0) }), !asked.isEmpty else {
            let today = CalendarDay(now)
            return ReportPeriod(year: today.year, kind: .month(today.month)) ?? ReportPeriod(year: 2000, kind: .month(1))!
        }
        let code = parameters.get("nam").map { "\($0.prefix(4))-\(asked.prefix(3))" } ?? asked
        guard let period = ReportPeriod(code: code) else {
            throw AppError.badRequest(
                "Kỳ báo cáo «\(code.prefix(20))» không hợp lệ: dùng tháng (ví dụ 2020-03) hoặc quý (ví dụ 2020-Q1), năm từ \(ReportPeriod.years.lowerBound) đến \(ReportPeriod.years.upperBound)."
            )
        }
        return period
    }

    static func shortName(_ period: ReportPeriod) -> String { String(period.name.dropLast(" năm \(period.year)".count)) }

    static func years(around now: Date) -> [Int] {
        let year = CalendarDay(now).year
        return Array((max(ReportPeriod.years.lowerBound, year - 10)...min(ReportPeriod.years.upperBound, year)).reversed())
    }

    static func sum(_ rows: [Row]) -> Row {
        var total = RadioAirReport.Totals()
        for row in rows {
            total.aired += row.totals.aired
            total.completed += row.totals.completed
            total.interrupted += row.totals.interrupted
            total.missed += row.totals.missed
            total.failed += row.totals.failed
            total.emergencies += row.totals.emergencies
            total.bulletins += row.totals.bulletins
            total.secondsOnAir += row.totals.secondsOnAir
        }
        return Row(station: "Tổng cộng", unit: "", totals: total)
    }

    private func csv(_ rows: [Row], period: ReportPeriod) -> Response {
        let text = CSVWriter.text
        var lines = [
            ["Đài", "Đơn vị", "Lượt phát", "Bản tin khác nhau", "Số phút phát sóng", "Phát trọn vẹn", "Bị ngắt", "Lỡ lịch", "Lỗi phát", "Khẩn cấp"].map(text)
        ]
        for row in rows + [Self.sum(rows)] {
            let t = row.totals
            lines.append(
                [text(row.station), text(row.unit)]
                    + [t.aired, t.bulletins, t.minutesOnAir, t.completed, t.interrupted, t.missed, t.failed, t.emergencies].map { "\($0)" })
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"bao-cao-phat-song-\(period.code).csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: CSVWriter.document(lines))))
    }
}
