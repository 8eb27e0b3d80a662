import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

/// Stations, loudspeaker clusters and their heartbeats (issue #11).
@Suite struct RadioStationTests {
    /// A station of the district with one cluster, made through the service; returns the cluster's token.
    static func stationWithCluster(_ app: TestApp, unitCode: String = "DEMO-TPD", mount: String = "/tan-phu-dong.mp3") async throws -> (
        station: RadioStationRecord, token: String
    ) {
        let unit = try #require(try await Unit.query(on: app.db).filter(\.$code == unitCode).first())
        let service = RadioStations(db: app.db, clients: app.pinned.clients)
        let station = try await service.create(
            .init(unitID: try unit.requireID(), name: "Đài \(unit.name)", mount: mount, parentID: nil, relaysParent: true),
            actor: (nil, "test"), ip: "test")
        let (_, token) = try await service.addCluster(
            .init(name: "Cụm loa chợ", hamlet: "Ấp Tân Thới", latitude: 10.2, longitude: 106.7), to: station, actor: (nil, "test"), ip: "test")
        return (station, token)
    }

    static func beat(_ client: any TestClientProtocol, token: String?, body: String) async throws -> TestResponse {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        headers[.contentType] = "application/json"
        return try await client.execute(uri: "/radio/heartbeat", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @Test(arguments: TestDatabase.engines)
    func administratorAddsAStationAndAClusterWhoseTokenIsShownOnce(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let browser = try await SignInFlowTests.signInAsAdmin(app, client)
            let form = try await browser.get("/quan-tri/truyen-thanh/moi")
            #expect(form.status == .ok)
            let district = try #require(try await Unit.query(on: app.db).filter(\.$code == "DEMO-TPD").first())
            let fields = ["name": "Đài truyền thanh huyện", "unit": try district.requireID().uuidString, "mount": "/Tan Phu Dong", "relays_parent": "1"]
            let refused = try await browser.post("/quan-tri/truyen-thanh/moi", fields, csrf: Browser.csrf(in: form.text))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Điểm phát (mount) phải có dạng /ten-dai.mp3"))
            #expect(refused.text.contains("value=\"Đài truyền thanh huyện\""))
            #expect(try await RadioStationRecord.query(on: app.db).filter(\.$name == "Đài truyền thanh huyện").count() == 0)

            var good = fields
            good["mount"] = "/tan-phu-dong.mp3"
            let created = try await browser.post("/quan-tri/truyen-thanh/moi", good, csrf: Browser.csrf(in: form.text))
            #expect(created.status == .seeOther)
            let station = try #require(try await RadioStationRecord.query(on: app.db).filter(\.$name == "Đài truyền thanh huyện").first())
            #expect(station.$unit.id == district.id)
            let stationPath = try #require(created.headers[.location])
            let page = try await browser.get(stationPath)
            #expect(page.text.contains("Đài chưa có cụm loa nào."))

            // A second station on the same mount is refused, naming it.
            let again = try await browser.post("/quan-tri/truyen-thanh/moi", good, csrf: Browser.csrf(in: form.text))
            #expect(again.status == .unprocessableContent)
            #expect(again.text.contains("Điểm phát /tan-phu-dong.mp3 đã thuộc một đài khác."))

            let clusterPath = stationPath + "/cum-loa"
            let badCoordinates = try await browser.post(
                clusterPath, ["name": "Cụm loa chợ", "hamlet": "Ấp Tân Thới", "latitude": "95", "longitude": "106.7"], csrf: Browser.csrf(in: page.text))
            #expect(badCoordinates.status == .unprocessableContent)
            #expect(badCoordinates.text.contains("Vĩ độ phải là số từ -90 đến 90."))
            #expect(badCoordinates.text.contains("value=\"Ấp Tân Thới\""))

            let added = try await browser.post(
                clusterPath, ["name": "Cụm loa chợ", "hamlet": "Ấp Tân Thới", "latitude": "10,25", "longitude": "106.7"],
                csrf: Browser.csrf(in: page.text))
            #expect(added.status == .ok)
            let cluster = try #require(try await LoudspeakerCluster.query(on: app.db).filter(\.$name == "Cụm loa chợ").first())
            #expect(cluster.latitude == 10.25)
            let token = try #require(added.text.firstMatch(of: /<code id="ma-thiet-bi">([^<]+)<\/code>/).map { String($0.1) })
            #expect(cluster.tokenHash == TokenHash.sha256Hex(token))
            #expect(cluster.tokenHash != token)
            // Shown once: the station page never shows it again.
            #expect(!(try await browser.get(stationPath)).text.contains(token))

            let audit = try await AuditEvent.query(on: app.db).all().map(\.kind)
            #expect(audit.contains(AuditKind.radioStationCreated.rawValue))
            #expect(audit.contains(AuditKind.radioClusterAdded.rawValue))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func heartbeatsNeedTheTokenAndThreeMissedOnesMakeAClusterOffline(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let (station, token) = try await Self.stationWithCluster(app)
            let report = #"{"volume": 65, "on": true, "current_item": "Bản tin sáng", "signal": 80}"#

            #expect(try await Self.beat(client, token: nil, body: report).status == .unauthorized)
            let wrong = try await Self.beat(client, token: "loa-not-the-token", body: report)
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("Mã thiết bị không đúng"))
            let huge = try await Self.beat(client, token: token, body: String(repeating: " ", count: 4096) + report)
            #expect(huge.status == .contentTooLarge)
            let loud = try await Self.beat(client, token: token, body: #"{"volume": 180, "on": true}"#)
            #expect(loud.status == .unprocessableContent)
            #expect(loud.text.contains("Âm lượng phải từ 0 đến 100."))
            #expect(try await Self.beat(client, token: token, body: "volume=65").status == .badRequest)
            // None of the refused reports touched the cluster.
            #expect(try await LoudspeakerCluster.query(on: app.db).filter(\.$name == "Cụm loa chợ").first()?.lastSeenAt == nil)

            let accepted = try await Self.beat(client, token: token, body: report)
            #expect(accepted.status == .ok)
            let cluster = try #require(try await LoudspeakerCluster.query(on: app.db).filter(\.$name == "Cụm loa chợ").first())
            #expect(cluster.volume == 65 && cluster.isOn == true && cluster.currentItem == "Bản tin sáng" && cluster.signal == 80)

            let browser = try await SignInFlowTests.signInAsAdmin(app, client)
            let path = AdminPage.radioStation(id: try station.requireID().uuidString).link
            let online = try await browser.get(path)
            #expect(online.text.contains("Đang hoạt động"))
            #expect(online.text.contains("Bản tin sáng"))
            #expect(!online.text.contains("Mất kết nối"))

            // Two missed beats are tolerated; the third makes it offline.
            app.pinned.advance(by: 2 * RadioStations.defaultHeartbeatInterval + 29)
            #expect(try await browser.get(path).text.contains("Đang hoạt động"))
            app.pinned.advance(by: 1)
            #expect(try await browser.get(path).text.contains("<strong>Mất kết nối</strong>"))
            #expect(try await RadioStations(db: app.db, clients: app.pinned.clients).offlineCount(station: station.requireID()) == 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func aCommuneEditorCannotSeeOrChangeTheDistrictStation(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let (station, _) = try await Self.stationWithCluster(app)
            let password = try await BackOfficeTests.account(app, email: "bt.xa@loa.local", unitCode: "DEMO-TPD-1", role: .editor)
            let browser = try await BackOfficeTests.signIn(client, "bt.xa@loa.local", password)
            let path = AdminPage.radioStation(id: try station.requireID().uuidString).link
            #expect(try await browser.get(path).status == .notFound)
            let list = try await browser.get("/quan-tri/truyen-thanh")
            #expect(list.status == .ok)
            #expect(!list.text.contains(station.name))
            #expect(try await browser.get("/quan-tri/truyen-thanh/moi").status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func theSimulatorReportsToARunningServer(engine: TestDatabase) async throws {
        try await TestApp.run(engine, setup: .live) { app, client in
            let (_, token) = try await Self.stationWithCluster(app)
            let port = try #require(client.port)
            let server = try #require(URL(string: "http://127.0.0.1:\(port)"))
            // The suite runs many servers at once on two cores: allow a slow answer rather than fail on load.
            let answer = try await ClusterSimulator(server: server, token: token, timeout: 120).send(
                ClusterHeartbeat(volume: 40, on: false, currentItem: nil, signal: 55))
            #expect(answer.status == 200)
            #expect(answer.body.contains("Cụm loa chợ"))
            let cluster = try #require(try await LoudspeakerCluster.query(on: app.db).filter(\.$name == "Cụm loa chợ").first())
            #expect(cluster.isOn == false && cluster.volume == 40 && cluster.signal == 55)
            let refused = try await ClusterSimulator(server: server, token: "loa-wrong", timeout: 120).send(ClusterHeartbeat(volume: 40, on: true))
            #expect(refused.status == 401)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func bulletinsThatAiredCountAsBroadcastsOfTheStationsUnit(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, _ in
            let (station, _) = try await Self.stationWithCluster(app)
            let start = app.pinned.clients.now()
            for (index, result) in [RadioAsRunEntry.Result.completed, .interrupted, .missed, .failed].enumerated() {
                let entry = RadioAsRunEntry()
                entry.$station.id = try station.requireID()
                entry.itemID = "manual:\(index)"
                entry.priority = RadioPriority.normal.rawValue
                entry.origin = "manual"
                entry.plannedStart = start.addingTimeInterval(Double(index) * 600)
                entry.actualStart = result.aired ? entry.plannedStart : nil
                entry.result = result.rawValue
                entry.offlineClusters = 0
                try await entry.create(on: app.db)
            }
            // The same item cannot be logged twice on a station.
            let duplicate = RadioAsRunEntry()
            duplicate.$station.id = try station.requireID()
            duplicate.itemID = "manual:0"
            duplicate.priority = 0
            duplicate.origin = "manual"
            duplicate.plannedStart = start
            duplicate.result = "completed"
            duplicate.offlineClusters = 0
            await #expect(throws: (any Error).self) { try await duplicate.create(on: app.db) }

            let unit = station.$unit.id
            let records = try await RadioEvidence().records(
                indicators: [.broadcasts], units: [unit], from: start.addingTimeInterval(-60), to: start.addingTimeInterval(3600), on: app.db)
            #expect(records.count == 2)
            #expect(records.allSatisfy { $0.unitID == unit && $0.channel == .radio && $0.indicator == .broadcasts })
            let otherIndicator = try await RadioEvidence().records(
                indicators: [.newsItems], units: [unit], from: start.addingTimeInterval(-60), to: start.addingTimeInterval(3600), on: app.db)
            #expect(otherIndicator.isEmpty)
            let otherUnit = try #require(try await Unit.query(on: app.db).filter(\.$code == "DEMO-TPD-1").first())
            #expect(
                try await RadioEvidence().records(
                    indicators: [.broadcasts], units: [otherUnit.requireID()], from: start.addingTimeInterval(-60),
                    to: start.addingTimeInterval(3600), on: app.db
                ).isEmpty)
        }
    }
}
