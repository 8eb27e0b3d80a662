import FluentKit
import Foundation
import LoaCore
import Logging

/// Turns bulletins' radio texts into broadcast audio, in a queued job and never in a request
/// (issue #11, `BulletinRenderJob`): normalised for reading, spoken by the `SpeechSynthesizer`,
/// loudness-normalised and encoded to MP3 by ffmpeg. A render cut by a restart is run again when the
/// job's claim expires.
struct BulletinRenderer: Sendable {
    let db: any Database
    let synthesizer: any SpeechSynthesizer
    let audio: RadioAudio
    /// Where audio files live: `<uploads>/radio`.
    let directory: URL

    static func directory(uploads: String) -> URL { URL(fileURLWithPath: uploads).appendingPathComponent("radio") }

    /// Why audio cannot be made on this server, in the words the back office shows; nil when it can.
    var missingTools: String? {
        var missing: [String] = []
        if !synthesizer.isAvailable { missing.append("espeak-ng") }
        if !audio.ffmpeg.isAvailable { missing.append("ffmpeg") }
        if !audio.ffprobe.isAvailable { missing.append("ffprobe") }
        guard !missing.isEmpty else { return nil }
        return "Máy chủ chưa cài \(missing.joined(separator: ", ")) nên chưa tạo được âm thanh cho bản tin. Hãy báo quản trị hệ thống."
    }

    /// Renders one bulletin and records the outcome on it.
    func render(_ bulletin: RadioBulletinRecord) async throws -> Bool {
        let id = try bulletin.requireID()
        let text = bulletin.radioText
        let outcome: Result<(String, Double), RenderFailure> = await make(text, name: id.uuidString)
        // Only the text that was rendered gets the audio: an edit in the meantime set it pending again.
        let query = RadioBulletinRecord.query(on: db).filter(\.$id == id).filter(\.$radioText == text)
            .filter(\.$renderStatus == RadioBulletinRecord.RenderStatus.pending.rawValue)
        switch outcome {
        case .success(let (file, duration)):
            try await query.set(\.$audioFile, to: file).set(\.$durationSeconds, to: duration)
                .set(\.$renderStatus, to: RadioBulletinRecord.RenderStatus.done.rawValue).set(\.$renderMessage, to: nil).update()
            return true
        case .failure(let failure):
            try await query.set(\.$renderStatus, to: RadioBulletinRecord.RenderStatus.failed.rawValue)
                .set(\.$renderMessage, to: failure.description).update()
            return false
        }
    }

    /// Makes the broadcast MP3 of an uploaded recording (loudness-normalised like spoken bulletins) and
    /// drops the upload once that is done.
    func renderRecording(_ bulletin: RadioBulletinRecord) async throws -> Bool {
        let id = try bulletin.requireID()
        guard let original = bulletin.recordingFile else { return false }
        let source = originals.appendingPathComponent(original)
        let outcome: Result<(String, Double), RenderFailure> =
            if let missingTools { .failure(.tools(missingTools)) } else { await store(source, name: id.uuidString) }
        // Only the recording that was read gets the audio: a new upload in the meantime set it pending again.
        let query = RadioBulletinRecord.query(on: db).filter(\.$id == id).filter(\.$recordingFile == original)
            .filter(\.$renderStatus == RadioBulletinRecord.RenderStatus.pending.rawValue)
        switch outcome {
        case .success(let (file, duration)):
            try await query.set(\.$audioFile, to: file).set(\.$durationSeconds, to: duration).set(\.$recordingFile, to: nil)
                .set(\.$renderStatus, to: RadioBulletinRecord.RenderStatus.done.rawValue).set(\.$renderMessage, to: nil).update()
            try? FileManager.default.removeItem(at: source)
            return true
        case .failure(let failure):
            try await query.set(\.$renderStatus, to: RadioBulletinRecord.RenderStatus.failed.rawValue)
                .set(\.$renderMessage, to: failure.description).update()
            return false
        }
    }

    enum RenderFailure: Error, CustomStringConvertible {
        case tools(String)
        case text(String)
        case engine

        var description: String {
            switch self {
            case .tools(let message), .text(let message): message
            case .engine: "Không tạo được âm thanh (công cụ đọc hoặc mã hóa báo lỗi). Hãy thử lưu lại bản tin."
            }
        }
    }

    /// Speaks `text` into a new MP3 named after `name`; bulletins and "Nghe bài viết" share it.
    func make(_ text: String, name: String) async -> Result<(String, Double), RenderFailure> {
        if let missingTools { return .failure(.tools(missingTools)) }
        let reading: String
        do { reading = try SpeechText().reading(text) } catch { return .failure(.text(error.message)) }
        let wav = FileManager.default.temporaryDirectory.appendingPathComponent("loa-bulletin-\(UUID().uuidString).wav")
        defer { try? FileManager.default.removeItem(at: wav) }
        guard await synthesizer.synthesize(reading, to: wav) else { return .failure(.engine) }
        return await store(wav, name: name)
    }

    /// Normalises and encodes `source` into the radio folder as `<name>-<random>.mp3` (a fresh name per
    /// render, so a listener never gets half of a file being rewritten).
    func store(_ source: URL, name: String) async -> Result<(String, Double), RenderFailure> {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = "\(name)-\(UUID().uuidString.prefix(8).lowercased()).mp3"
        let output = directory.appendingPathComponent(file)
        guard await audio.normaliseToMP3(source, output: output), let duration = await audio.duration(of: output) else {
            try? FileManager.default.removeItem(at: output)
            return .failure(.engine)
        }
        return .success((file, duration))
    }
}
