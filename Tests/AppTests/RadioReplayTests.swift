import FluentKit
import Foundation
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

/// "Nghe lại": aired bulletins of a site's stations, with a player and the transcript (issue #11).
@Suite struct RadioReplayTests {
    @Test(arguments: TestDatabase.engines)
    func aSiteListsTheBulletinsItsStationsAiredWithTheirTranscript(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let (station, _) = try await RadioStationTests.stationWithCluster(app)
            let directory = BulletinRenderer.directory(uploads: app.services.configuration.uploadsDirectory)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let mp3 = Data([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 32))
            func bulletin(_ title: String, state: RadioBulletinRecord.State) async throws -> RadioBulletinRecord {
                let bulletin = RadioBulletinRecord()
                bulletin.$station.id = try station.requireID()
                bulletin.title = title
                bulletin.source = "text"
                bulletin.radioText = "Lời \(title) <b>đậm</b>"
                bulletin.transcript = "Lời \(title) <b>đậm</b>"
                bulletin.audioFile = "\(title.count)-\(UUID().uuidString).mp3"
                bulletin.durationSeconds = 42.4
                bulletin.renderStatus = "done"
                bulletin.state = state.rawValue
                bulletin.isEmergency = false
                try await bulletin.create(on: app.db)
                try mp3.write(to: directory.appendingPathComponent(bulletin.audioFile!))
                return bulletin
            }
            let aired = try await bulletin("Bản tin sáng", state: .approved)
            let notAired = try await bulletin("Bản tin chưa phát", state: .approved)
            for (index, result) in [RadioAsRunEntry.Result.completed, .missed].enumerated() {
                let entry = RadioAsRunEntry()
                entry.$station.id = try station.requireID()
                entry.$bulletin.id = index == 0 ? aired.id : notAired.id
                entry.itemID = "schedule:\(index)"
                entry.priority = 0
                entry.origin = "schedule"
                entry.plannedStart = app.pinned.clients.now()
                entry.actualStart = result.aired ? app.pinned.clients.now() : nil
                entry.result = result.rawValue
                entry.offlineClusters = 0
                try await entry.create(on: app.db)
            }

            let page = try await client.execute(uri: "/xa/tan-phu-dong/nghe-lai", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("<h2>Bản tin sáng</h2>"))
            #expect(page.text.contains("Lời Bản tin sáng &lt;b&gt;đậm&lt;/b&gt;"))
            #expect(page.text.contains("15/03/2026 08:00"))
            #expect(page.text.contains("42 giây"))
            #expect(!page.text.contains("Bản tin chưa phát"))
            #expect(!page.text.contains("<script"))
            let audioPath = "/xa/tan-phu-dong/nghe-lai/\(try aired.requireID().uuidString.lowercased())/am-thanh"
            #expect(page.text.contains("<audio controls preload=\"none\" src=\"\(audioPath)\">"))
            let audio = try await client.execute(uri: audioPath, method: .get)
            #expect(audio.status == .ok)
            #expect(audio.headers[.contentType] == "audio/mpeg")
            #expect(Array(audio.body.readableBytesView) == Array(mp3))
            let missed = "/xa/tan-phu-dong/nghe-lai/\(try notAired.requireID().uuidString.lowercased())/am-thanh"
            #expect(try await client.execute(uri: missed, method: .get).status == .notFound)
            // The station's podcast carries what aired as an enclosure with its size, and nothing else.
            let podcastPath = "/xa/tan-phu-dong/nghe-lai/podcast/\(PublicRadioController.podcastName(station))"
            #expect(page.text.contains("<a href=\"\(podcastPath)\">Podcast \(station.name)</a>"))
            let podcast = try await client.execute(uri: podcastPath, method: .get)
            #expect(podcast.status == .ok)
            #expect(podcast.headers[.contentType] == "application/rss+xml; charset=utf-8")
            #expect(podcast.text.contains("<enclosure url=\"http://loa.test\(audioPath)\" length=\"\(mp3.count)\" type=\"audio/mpeg\"/>"))
            #expect(podcast.text.contains("<title>Bản tin sáng</title>"))
            #expect(podcast.text.contains("<description>Lời Bản tin sáng &lt;b&gt;đậm&lt;/b&gt;</description>"))
            #expect(!podcast.text.contains("Bản tin chưa phát"))
            #expect(
                try await client.execute(uri: "/xa/tan-thoi/nghe-lai/podcast/\(PublicRadioController.podcastName(station))", method: .get).status == .notFound)
            // Another commune's site does not list the district's bulletins.
            let commune = try await client.execute(uri: "/xa/tan-thoi/nghe-lai", method: .get)
            #expect(commune.status == .ok)
            #expect(commune.text.contains("Chưa có bản tin nào được phát."))
        }
    }
}
