import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

/// Bulletins: drafted from an article or typed, rendered to audio in the background, approved by an
/// approver of the station's unit (issue #11).
@Suite struct RadioBulletinTests {
    /// The reason the tests needing real tools skip, printed; nil when espeak-ng, ffmpeg and ffprobe are there.
    static let missingTools: String? = {
        let missing = ["espeak-ng", "ffmpeg", "ffprobe"].filter { ExternalTool.find($0) == nil }
        guard !missing.isEmpty else { return nil }
        let reason = "⚠️  Radio audio tests skipped: \(missing.joined(separator: ", ")) not installed (.ci/run installs them)."
        print(reason)
        return reason
    }()

    @Test(arguments: TestDatabase.engines)
    func aBulletinFromAnArticleIsRenderedAndApprovedByAnApproverOnly(engine: TestDatabase) async throws {
        guard Self.missingTools == nil else { return }
        try await TestApp.run(engine) { app, client in
            let (station, _) = try await RadioStationTests.stationWithCluster(app)
            let district = station.$unit.id
            let article = try #require(
                try await Article.query(on: app.db).filter(\.$unit.$id == district).filter(\.$status == ArticleState.published.rawValue).first())
            let editorPassword = try await BackOfficeTests.account(app, email: "bt.huyen@loa.local", unitCode: "DEMO-TPD", role: .editor)
            let editor = try await BackOfficeTests.signIn(client, "bt.huyen@loa.local", editorPassword)

            // "Gửi lên đài" starts from the article's title and summary.
            let form = try await editor.get("/quan-tri/truyen-thanh/ban-tin/moi?bai=\(try article.requireID().uuidString)")
            #expect(form.status == .ok)
            #expect(form.text.contains(HTML.escape(article.title)))
            let csrf = Browser.csrf(in: form.text)
            var fields = [
                "station": try station.requireID().uuidString, "title": "Bản tin CCHC", "article": try article.requireID().uuidString,
                "radio_text": String(repeating: "UBND xã thông báo. ", count: 400),
            ]
            // Too long: refused, the text kept.
            let long = try await editor.post("/quan-tri/truyen-thanh/ban-tin/moi", fields, csrf: csrf)
            #expect(long.status == .unprocessableContent)
            #expect(long.text.contains("Lời đọc"))
            #expect(long.text.contains("value=\"Bản tin CCHC\""))
            // An editor may not mark a bulletin as an emergency.
            fields["radio_text"] = "UBND xã Tân Thới thông báo: ngày 15/4/2026 tiếp công dân lúc 7 giờ 30."
            fields["emergency"] = "1"
            let emergency = try await editor.post("/quan-tri/truyen-thanh/ban-tin/moi", fields, csrf: csrf)
            #expect(emergency.status == .unprocessableContent)
            #expect(emergency.text.contains("Chỉ lãnh đạo duyệt tin hoặc quản trị của đơn vị mới soạn được bản tin khẩn cấp."))
            #expect(try await RadioBulletinRecord.query(on: app.db).filter(\.$title == "Bản tin CCHC").count() == 0)

            fields["emergency"] = nil
            let saved = try await editor.post("/quan-tri/truyen-thanh/ban-tin/moi", fields, csrf: csrf)
            #expect(saved.status == .seeOther)
            let bulletinPath = try #require(saved.headers[.location])
            let bulletin = try #require(try await RadioBulletinRecord.query(on: app.db).filter(\.$title == "Bản tin CCHC").first())
            #expect(bulletin.bulletinSource == .article && bulletin.$article.id == article.id)
            #expect(bulletin.bulletinState == .draft && bulletin.render == .pending)
            #expect(bulletin.transcript == fields["radio_text"])

            // Nothing to approve before the audio exists; the page offers no approval.
            let approver = try await SignInFlowTests.signInAsAdmin(app, client)
            #expect(!(try await approver.get(bulletinPath)).text.contains("Duyệt để phát"))

            // The audio is made by the queued job the save enqueued, not inside the request.
            #expect(try await app.services.jobs.runDue() == 1)
            let rendered = try #require(try await RadioBulletinRecord.find(bulletin.id, on: app.db))
            #expect(rendered.render == .done)
            let seconds = try #require(rendered.durationSeconds)
            #expect(seconds > 2)
            let audio = try await editor.get(bulletinPath + "/am-thanh")
            #expect(audio.status == .ok)
            #expect(audio.headers[.contentType] == "audio/mpeg")
            #expect(RecordingKind.sniff(audio.body.readableBytesView) == .mp3)

            // The editor cannot approve; the administrator (an approver of the district) can, once.
            let editorPage = try await editor.get(bulletinPath)
            #expect(!editorPage.text.contains("Duyệt để phát"))
            #expect(try await editor.post(bulletinPath + "/duyet", [:], csrf: Browser.csrf(in: editorPage.text)).status == .forbidden)
            let page = try await approver.get(bulletinPath)
            #expect(page.text.contains("Duyệt để phát"))
            #expect(try await approver.post(bulletinPath + "/duyet", [:], csrf: Browser.csrf(in: page.text)).status == .seeOther)
            let approved = try #require(try await RadioBulletinRecord.find(bulletin.id, on: app.db))
            #expect(approved.bulletinState == .approved && approved.approvedAt != nil)
            let again = try await approver.post(bulletinPath + "/duyet", [:], csrf: Browser.csrf(in: page.text))
            #expect(again.text.contains("Bản tin này đã được duyệt."))
            // An approved bulletin is no longer edited in place.
            let edit = try await editor.post(bulletinPath, fields, csrf: Browser.csrf(in: editorPage.text))
            #expect(edit.text.contains("Bản tin đã được duyệt nên không sửa được nữa"))

            let audit = try await AuditEvent.query(on: app.db).all().map(\.kind)
            #expect(audit.filter { $0 == AuditKind.radioBulletinSaved.rawValue }.count == 1)
            #expect(audit.filter { $0 == AuditKind.radioBulletinApproved.rawValue }.count == 1)
        }
    }

    @Test(arguments: TestDatabase.engines)
    func withoutTheToolsTheBackOfficeSaysWhyAndNothingBreaks(engine: TestDatabase) async throws {
        try await TestApp.run(engine) { app, client in
            let (station, _) = try await RadioStationTests.stationWithCluster(app)
            let bulletins = RadioBulletins(db: app.db, clients: app.pinned.clients)
            let bulletin = try await bulletins.save(
                .init(stationID: try station.requireID(), title: "Thông báo", radioText: "Lịch tiêm chủng.", source: .text, articleID: nil, isEmergency: false),
                bulletin: nil, actor: (nil, "test"), ip: "test")
            let missing = BulletinRenderer(
                db: app.db, synthesizer: EspeakSynthesizer(tool: ExternalTool(executable: nil)),
                audio: RadioAudio.make(ffmpeg: nil, ffprobe: nil), directory: FileManager.default.temporaryDirectory)
            #expect(try await missing.render(bulletin) == false)
            let failed = try #require(try await RadioBulletinRecord.find(bulletin.id, on: app.db))
            #expect(failed.render == .failed)
            #expect(failed.renderMessage == "Máy chủ chưa cài espeak-ng, ffmpeg, ffprobe nên chưa tạo được âm thanh cho bản tin. Hãy báo quản trị hệ thống.")
            let browser = try await SignInFlowTests.signInAsAdmin(app, client)
            let page = try await browser.get(AdminPage.radioBulletin(id: try bulletin.requireID().uuidString).link)
            #expect(page.status == .ok)
            #expect(page.text.contains("Máy chủ chưa cài espeak-ng"))
            #expect(!page.text.contains("Duyệt để phát"))
            // Approval is refused without audio, whatever the page shows.
            await #expect(throws: RadioBulletins.Refusal.noAudio) {
                try await bulletins.approve(failed, actor: (nil, "test"), ip: "test")
            }
        }
    }

    @Test func recordingsAreRecognisedByTheirFirstBytes() {
        func bytes(_ head: [UInt8]) -> [UInt8] { head + [UInt8](repeating: 0, count: 16) }
        #expect(RecordingKind.sniff(bytes(Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WAVE".utf8))) == .wav)
        #expect(RecordingKind.sniff(bytes(Array("OggS".utf8))) == .ogg)
        #expect(RecordingKind.sniff(bytes([0, 0, 0, 0x20] + Array("ftyp".utf8))) == .m4a)
        #expect(RecordingKind.sniff(bytes(Array("ID3".utf8))) == .mp3)
        #expect(RecordingKind.sniff(bytes([0xFF, 0xFB, 0x90])) == .mp3)
        #expect(RecordingKind.sniff(bytes(Array("%PDF-1.4".utf8))) == nil)
        #expect(RecordingKind.sniff(bytes([0x7F, 0x45, 0x4C, 0x46])) == nil)
        #expect(RecordingKind.sniff([0xFF, 0xFB]) == nil)
    }
}
