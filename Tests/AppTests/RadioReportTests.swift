import FluentKit
import Foundation
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

/// "Báo cáo phát sóng": plays and minutes per station per month and quarter, from the as-run log,
/// on the page and as CSV (issue #11).
@Suite struct RadioReportTests {
    static func vietnam(_ text: String) -> Date { ISO8601DateFormatter().date(from: text + "+07:00")! }

    /// Plays of one station around the end of March 2026 (Vietnam time).
    static func plays(_ app: TestApp) async throws -> RadioStationRecord {
        let (station, _) = try await RadioStationTests.stationWithCluster(app)
        func bulletin(_ title: String) async throws -> UUID {
            let bulletin = RadioBulletinRecord()
            bulletin.$station.id = try station.requireID()
            bulletin.title = title
            bulletin.source = "text"
            bulletin.radioText = title
            bulletin.transcript = title
            bulletin.renderStatus = "done"
            bulletin.state = RadioBulletinRecord.State.approved.rawValue
            bulletin.isEmergency = false
            try await bulletin.create(on: app.db)
            return try bulletin.requireID()
        }
        let first = try await bulletin("Bản tin tháng Ba")
        let second = try await bulletin("Bản tin tháng Tư")
        let plays: [(String, UUID, RadioAsRunEntry.Result, Double?, RadioPriority)] = [
            ("2026-03-02T05:30:00", first, .completed, 300, .normal),
            ("2026-03-20T17:00:00", first, .interrupted, 130, .emergency),
            ("2026-03-25T17:00:00", first, .missed, nil, .normal),
            // 31 March 17:10 UTC is already April in Vietnam.
            ("2026-04-01T00:10:00", second, .completed, 60, .normal),
            ("2026-02-28T23:00:00", second, .completed, 90, .normal),
        ]
        for (index, (start, bulletin, result, seconds, priority)) in plays.enumerated() {
            let entry = RadioAsRunEntry()
            entry.$station.id = try station.requireID()
            entry.$bulletin.id = bulletin
            entry.itemID = "schedule:report:\(index)"
            entry.priority = priority.rawValue
            entry.origin = "schedule"
            entry.plannedStart = Self.vietnam(start)
            entry.actualStart = seconds == nil ? nil : Self.vietnam(start)
            entry.actualEnd = seconds.map { Self.vietnam(start).addingTimeInterval($0) }
            entry.result = result.rawValue
            entry.offlineClusters = 0
            try await entry.create(on: app.db)
        }
        return station
    }

    /// The CSV line of a station: its fields after the name and unit.
    static func line(_ csv: String, _ station: String) -> [String]? {
        csv.split(separator: "\r\n").first { $0.hasPrefix("\"\(station)\"") }.map { $0.split(separator: ",").dropFirst(2).map(String.init) }
    }

    @Test(arguments: TestDatabase.engines)
    func aMonthAndAQuarterCountPlaysBulletinsAndMinutesInVietnamTime(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let station = try await Self.plays(app)
            let browser = try await SignInFlowTests.signInAsAdmin(app, client)

            let page = try await browser.get("/quan-tri/truyen-thanh/bao-cao?ky=2026-03")
            #expect(page.status == .ok)
            #expect(page.text.contains("Báo cáo phát sóng — Tháng 3 năm 2026"))
            #expect(page.text.contains("<th scope=\"row\">\(station.name)</th>"))
            #expect(page.text.contains("?ky=2026-03&amp;dinh-dang=csv"))

            let march = try await browser.get("/quan-tri/truyen-thanh/bao-cao?ky=2026-03&dinh-dang=csv")
            #expect(march.status == .ok)
            #expect(march.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(march.headers[.contentDisposition] == "attachment; filename=\"bao-cao-phat-song-2026-03.csv\"")
            #expect(march.text.hasPrefix("\u{FEFF}\"Đài\",\"Đơn vị\",\"Lượt phát\",\"Bản tin khác nhau\",\"Số phút phát sóng\""))
            // Aired, bulletins, minutes (430 s), completed, interrupted, missed, failed, emergencies.
            #expect(Self.line(march.text, station.name) == ["2", "1", "7", "1", "1", "1", "0", "1"])

            let april = try await browser.get("/quan-tri/truyen-thanh/bao-cao?ky=2026-04&dinh-dang=csv")
            #expect(Self.line(april.text, station.name) == ["1", "1", "1", "1", "0", "0", "0", "0"])

            // The picker's form sends the year and the period apart.
            let quarter = try await browser.get("/quan-tri/truyen-thanh/bao-cao?nam=2026&ky=Q1&dinh-dang=csv")
            #expect(quarter.headers[.contentDisposition] == "attachment; filename=\"bao-cao-phat-song-2026-Q1.csv\"")
            #expect(Self.line(quarter.text, station.name) == ["3", "2", "9", "2", "1", "1", "0", "1"])

            let wrong = try await browser.get("/quan-tri/truyen-thanh/bao-cao?ky=2026-13")
            #expect(wrong.status == .badRequest)
            #expect(wrong.text.contains("Kỳ báo cáo «2026-13» không hợp lệ"))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aUserSeesOnlyTheStationsOfTheirUnits(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let station = try await Self.plays(app)
            let password = try await BackOfficeTests.account(app, email: "nv@loa.local", unitCode: "TPD-NV", role: .editor)
            let browser = try await BackOfficeTests.signIn(client, "nv@loa.local", password)
            let report = try await browser.get("/quan-tri/truyen-thanh/bao-cao?ky=2026-Q1&dinh-dang=csv")
            #expect(report.status == .ok)
            #expect(Self.line(report.text, station.name) == nil)
            #expect(report.text.contains("\"Tổng cộng\""))
        }
    }
}
