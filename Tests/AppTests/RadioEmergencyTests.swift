import FluentKit
import Foundation
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

/// The one emergency action (issue #11): every station of the unit's subtree at once, none outside it.
@Suite struct RadioEmergencyTests {
    @Test(arguments: TestDatabase.engines)
    func anEmergencyTakesEveryStationOfTheSubtreeAndNoneOutside(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let (district, _) = try await RadioStationTests.stationWithCluster(app)
            let service = RadioStations(db: app.db, clients: app.pinned.clients)
            func unit(_ code: String) async throws -> UUID { try #require(try await Unit.query(on: app.db).filter(\.$code == code).first()).requireID() }
            let commune = try await service.create(
                .init(unitID: try await unit("DEMO-TPD-1"), name: "Đài xã", mount: "/xa.mp3", parentID: district.id, relaysParent: false),
                actor: (nil, "test"), ip: "test")
            let province = try await service.create(
                .init(unitID: try await unit("DEMO-TG"), name: "Đài tỉnh", mount: "/tinh.mp3", parentID: nil, relaysParent: false),
                actor: (nil, "test"), ip: "test")
            let bulletin = try await RadioScheduleTests.bulletin(app, station: district, title: "Bão số 3", state: .approved)
            bulletin.isEmergency = true
            try await bulletin.save(on: app.db)
            let path = AdminPage.radioBulletin(id: try bulletin.requireID().uuidString).link

            // A contributor of the district may not start it.
            let password = try await BackOfficeTests.account(app, email: "ctv@loa.local", unitCode: "DEMO-TPD", role: .contributor)
            let contributor = try await BackOfficeTests.signIn(client, "ctv@loa.local", password)
            let seen = try await contributor.get(path)
            #expect(seen.status == .ok)
            #expect(!seen.text.contains("Phát khẩn cấp"))
            #expect(try await contributor.post(path + "/phat-khan-cap", [:], csrf: Browser.csrf(in: seen.text)).status == .forbidden)
            #expect(try await RadioEmergencyRecord.query(on: app.db).count() == 0)

            let admin = try await SignInFlowTests.signInAsAdmin(app, client)
            let page = try await admin.get(path)
            #expect(page.text.contains("Phát khẩn cấp trên mọi đài của đơn vị và cấp dưới"))
            #expect(try await admin.post(path + "/phat-khan-cap", [:], csrf: Browser.csrf(in: page.text)).status == .seeOther)
            #expect(try await admin.get(path).text.contains("Đang phát khẩn cấp từ 15/03/2026 08:00."))

            let engine = RadioFeature.playoutEngine(app.services, logger: TestDatabase.logger)
            let decision = try await engine.tick()
            for station in [district, commune] {
                let current = decision[try station.requireID().uuidString]?.current
                #expect(current?.item.origin == .emergency && current?.item.bulletinID == bulletin.id?.uuidString, "\(station.name) carries it")
            }
            #expect(decision[try province.requireID().uuidString]?.current == nil, "the province is outside the district's subtree")
            // Every station of the district's subtree (the demo's own too), and the province's not.
            let subtree = Set(try await RadioStationRecord.query(on: app.db).all().compactMap(\.id)).subtracting([province.id!])
            #expect(subtree.isSuperset(of: [district.id!, commune.id!]))
            let logged = try await RadioAsRunEntry.query(on: app.db).filter(\.$origin == "emergency").all()
            #expect(Set(logged.map(\.$station.id)) == subtree)
            #expect(logged.allSatisfy { $0.origin == "emergency" && $0.playResult == .playing })

            // Ended: every station falls silent at the next decision, and the log closes the plays.
            app.pinned.advance(by: 10)
            let live = try await admin.get(path)
            let end = try #require(live.text.firstMatch(of: /action="([^"]+\/ket-thuc)"/).map { String($0.1) })
            #expect(try await admin.post(end, [:], csrf: Browser.csrf(in: live.text)).status == .seeOther)
            app.pinned.advance(by: 2)
            let after = try await engine.tick()
            #expect(after.stations.values.allSatisfy { $0.current == nil })
            let closed = try await RadioAsRunEntry.query(on: app.db).filter(\.$origin == "emergency").all()
            #expect(closed.count == subtree.count && closed.allSatisfy { $0.actualEnd != nil && $0.playResult != .playing })
            let audit = try await AuditEvent.query(on: app.db).all().map(\.kind)
            #expect(audit.contains(AuditKind.radioEmergencyStarted.rawValue) && audit.contains(AuditKind.radioEmergencyEnded.rawValue))
        }
    }
}
