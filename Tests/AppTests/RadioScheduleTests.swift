import FluentKit
import Foundation
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

/// A station's schedule in the back office (issue #11): approved bulletins only, no clash, nothing in the past.
@Suite struct RadioScheduleTests {
    /// A bulletin with (fake) audio in `state`, as if rendered.
    static func bulletin(_ app: TestApp, station: RadioStationRecord, title: String, state: RadioBulletinRecord.State) async throws -> RadioBulletinRecord {
        let bulletin = RadioBulletinRecord()
        bulletin.$station.id = try station.requireID()
        bulletin.title = title
        bulletin.source = "text"
        bulletin.radioText = title
        bulletin.transcript = title
        bulletin.audioFile = "\(UUID().uuidString).mp3"
        bulletin.durationSeconds = 299.4
        bulletin.renderStatus = "done"
        bulletin.state = state.rawValue
        bulletin.isEmergency = false
        try await bulletin.create(on: app.db)
        return bulletin
    }

    @Test(arguments: TestDatabase.engines)
    func slotsNeedAnApprovedBulletinAFutureTimeAndNoClash(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let (station, _) = try await RadioStationTests.stationWithCluster(app)
            let approved = try await Self.bulletin(app, station: station, title: "Bản tin CCHC", state: .approved)
            let draft = try await Self.bulletin(app, station: station, title: "Bản tin nháp", state: .draft)
            let password = try await BackOfficeTests.account(app, email: "bt.dai@loa.local", unitCode: "DEMO-TPD", role: .editor)
            let browser = try await BackOfficeTests.signIn(client, "bt.dai@loa.local", password)
            let path = AdminPage.radioSlots(id: try station.requireID().uuidString).link
            let page = try await browser.get(path)
            #expect(page.status == .ok)
            #expect(page.text.contains("Bản tin CCHC"))
            #expect(!page.text.contains("Bản tin nháp"))
            let csrf = Browser.csrf(in: page.text)
            // The pinned clock is 08:00 on 2026-03-15 in Vietnam.
            let fields = [
                "label": "Bản tin sáng", "bulletin": try approved.requireID().uuidString, "time": "09:00", "repeats": "daily",
                "starts_on": "2026-03-15", "priority": "0",
            ]

            var refused = fields
            refused["bulletin"] = try draft.requireID().uuidString
            let notApproved = try await browser.post(path, refused, csrf: csrf)
            #expect(notApproved.status == .unprocessableContent)
            #expect(notApproved.text.contains("Bản tin «Bản tin nháp» chưa được duyệt nên chưa xếp lịch được."))

            refused = fields
            refused["time"] = "07:30"
            let past = try await browser.post(path, refused, csrf: csrf)
            #expect(past.status == .unprocessableContent)
            #expect(past.text.contains("Không thể đặt lịch trong quá khứ: lần phát đầu tiên lúc 15/03/2026 07:30 đã qua."))
            #expect(past.text.contains("value=\"Bản tin sáng\""))

            refused = fields
            refused["time"] = "9h"
            #expect(try await browser.post(path, refused, csrf: csrf).text.contains("Giờ phát phải có dạng 05:30 (giờ Việt Nam)."))

            #expect(try await browser.post(path, fields, csrf: csrf).status == .seeOther)
            let slot = try #require(try await RadioSlotRecord.query(on: app.db).filter(\.$station.$id == station.requireID()).first())
            #expect(slot.timeOfDay == "09:00" && slot.durationSeconds == 300)
            #expect(try await RadioBulletinRecord.find(approved.id, on: app.db)?.bulletinState == .scheduled)

            // 09:03 overlaps the five minutes from 09:00 at the same priority: refused, naming the other slot.
            var clash = fields
            clash["label"] = "Bản tin bổ sung"
            clash["time"] = "09:03"
            let clashing = try await browser.post(path, clash, csrf: csrf)
            #expect(clashing.status == .unprocessableContent)
            #expect(clashing.text.contains("Lịch trùng giờ với"))
            #expect(clashing.text.contains("Bản tin sáng"))
            #expect(clashing.text.contains("15/03/2026 09:00–09:05"))
            // At a higher priority the same hour is allowed: the higher one wins on air.
            clash["priority"] = "1"
            #expect(try await browser.post(path, clash, csrf: csrf).status == .seeOther)
            #expect(try await RadioSlotRecord.query(on: app.db).filter(\.$station.$id == station.requireID()).count() == 2)
            // An emergency is not a schedule priority.
            clash["priority"] = "2"
            #expect(try await browser.post(path, clash, csrf: csrf).text.contains("Chọn mức ưu tiên Thường hoặc Ưu tiên."))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$kind == AuditKind.radioSlotAdded.rawValue).count() == 2)

            // The stored slots are what the playout reads.
            let world = try await RadioWorldLoader(db: app.db).load(now: app.pinned.clients.now(), lookback: 86_400).world
            // (Beside the demo stations' own daily slots.)
            #expect(world.slots.filter { $0.target == .station(station.id!.uuidString) }.count == 2)
            #expect(world.approvedBulletins.contains(approved.id!.uuidString))
        }
    }
}
