import FluentKit
import Foundation
import HummingbirdTesting
import LoaCore
import Testing

@testable import App

/// Bulletins from uploaded recordings (issue #11): checked by content and length, loudness-normalised
/// to MP3 by a queued job, with the transcript kept beside the audio.
@Suite struct RadioRecordingTests {
    /// `seconds` of a tone (or of silence at 8 kbit/s for long files) made by ffmpeg, as `format`.
    static func audio(seconds: Int, format: String, arguments: [String]) throws -> [UInt8] {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("loa-test-\(UUID().uuidString).\(format)")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(ExternalTool.find("ffmpeg")))
        process.arguments = ["-nostdin", "-hide_banner", "-loglevel", "error", "-y"] + arguments + ["-t", "\(seconds)", output.path]
        try process.run()
        process.waitUntilExit()
        return Array(try Data(contentsOf: output))
    }

    static func originals(_ app: TestApp) -> [String] {
        let directory = BulletinRenderer.directory(uploads: app.services.configuration.uploadsDirectory).appendingPathComponent("originals")
        return (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    }

    @Test(arguments: TestDatabase.engines)
    func aRecordingIsCheckedByContentNormalisedByAJobAndKeepsItsTranscript(engine: TestDatabase) async throws {
        guard RadioBulletinTests.missingTools == nil else { return }
        let tone = try Self.audio(seconds: 3, format: "wav", arguments: ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=16000"])
        let long = try Self.audio(
            seconds: 31 * 60, format: "mp3", arguments: ["-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-c:a", "libmp3lame", "-b:a", "8k"])
        try await TestApp.run(engine) { app, client in
            let (station, _) = try await RadioStationTests.stationWithCluster(app)
            let browser = try await SignInFlowTests.signInAsAdmin(app, client)
            let form = try await browser.get("/quan-tri/truyen-thanh/ban-tin/moi")
            #expect(form.text.contains(#"enctype="multipart/form-data""#))
            #expect(form.text.contains(#"<input type="file" id="recording" name="recording""#))
            let csrf = Browser.csrf(in: form.text)
            let fields = ["station": try station.requireID().uuidString, "title": "Thông báo thu thuế đất", "radio_text": "Nội dung ghi âm: xã thông báo."]
            let path = "/quan-tri/truyen-thanh/ban-tin/moi"

            // Named .mp3 but a PDF; a WAV header over nothing; over half an hour: each refused, the form kept, nothing stored.
            let refusals: [([UInt8], String, String)] = [
                (Array("%PDF-1.4 not audio at all".utf8), "thong-bao.mp3", "không phải âm thanh MP3, WAV, OGG hoặc M4A đọc được"),
                (Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WAVE".utf8) + [UInt8](repeating: 0, count: 64), "rong.wav", "không phải âm thanh"),
                (long, "dai.mp3", "Bản ghi âm dài khoảng 31 phút, vượt quá 30 phút của một bản tin."),
            ]
            for (bytes, name, message) in refusals {
                let refused = try await browser.upload(path, fields, file: ("recording", name, bytes), csrf: csrf)
                #expect(refused.status == .unprocessableContent, "\(name)")
                #expect(refused.text.contains(message), "\(name)")
                #expect(refused.text.contains(#"value="Thông báo thu thuế đất""#))
            }
            #expect(Self.originals(app).isEmpty)
            #expect(try await RadioBulletinRecord.query(on: app.db).filter(\.$title == "Thông báo thu thuế đất").count() == 0)

            let saved = try await browser.upload(path, fields, file: ("recording", "ghi-am.wav", tone), csrf: csrf)
            #expect(saved.status == .seeOther)
            let bulletinPath = try #require(saved.headers[.location])
            let bulletin = try #require(try await RadioBulletinRecord.query(on: app.db).filter(\.$title == "Thông báo thu thuế đất").first())
            #expect(bulletin.bulletinSource == .recording && bulletin.render == .pending)
            #expect(bulletin.transcript == "Nội dung ghi âm: xã thông báo.")
            #expect(Self.originals(app).count == 1)

            // Made into broadcast MP3 by the job, the upload then dropped.
            #expect(try await app.services.jobs.runDue() == 1)
            let rendered = try #require(try await RadioBulletinRecord.find(bulletin.id, on: app.db))
            #expect(rendered.render == .done)
            let seconds = try #require(rendered.durationSeconds)
            #expect(seconds > 2.5 && seconds < 3.5)
            #expect(rendered.recordingFile == nil)
            #expect(Self.originals(app).isEmpty)
            let audio = try await browser.get(bulletinPath + "/am-thanh")
            #expect(RecordingKind.sniff(audio.body.readableBytesView) == .mp3)

            // Correcting the transcript keeps the audio as it is.
            let page = try await browser.get(bulletinPath)
            #expect(page.text.contains("Bản tin này phát bản ghi âm đã tải lên"))
            var corrected = fields
            corrected["radio_text"] = "Nội dung ghi âm: UBND xã thông báo thu thuế đất."
            #expect(try await browser.post(bulletinPath, corrected, csrf: Browser.csrf(in: page.text)).status == .seeOther)
            let kept = try #require(try await RadioBulletinRecord.find(bulletin.id, on: app.db))
            #expect(kept.render == .done && kept.audioFile == rendered.audioFile)
            #expect(kept.transcript == corrected["radio_text"])
            #expect(try await app.services.jobs.runDue() == 0)
        }
    }
}
