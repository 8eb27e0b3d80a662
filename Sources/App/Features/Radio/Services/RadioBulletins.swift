import FluentKit
import Foundation
import LoaCore
import SQLKit

/// Bulletins: drafting, approval and their audio (issue #11). Every change is one transaction with its
/// audit entry.
struct RadioBulletins: Sendable {
    let db: any Database
    let clients: Clients

    /// A bulletin is a few minutes of speech: about 5,000 characters is ten minutes of espeak-ng.
    static let maximumTextLength = 5_000
    static let maximumTitleLength = 200

    enum Refusal: Error, Equatable, CustomStringConvertible {
        case notDraft
        case noAudio
        case alreadyApproved

        var description: String {
            switch self {
            case .notDraft: "Bản tin đã được duyệt nên không sửa được nữa; hãy tạo bản tin mới."
            case .noAudio: "Bản tin chưa có âm thanh. Hãy nghe lại sau khi máy chủ tạo xong âm thanh rồi mới duyệt."
            case .alreadyApproved: "Bản tin này đã được duyệt."
            }
        }
    }

    struct Draft: Sendable {
        var stationID: UUID
        var title: String
        var radioText: String
        var source: RadioBulletinRecord.Source
        var articleID: UUID?
        var isEmergency: Bool
        /// A new uploaded recording (its name in `<radio>/originals`): the audio is made from it, and
        /// `radioText` is its transcript. Nil when editing a recording keeps its audio.
        var recordingFile: String? = nil
    }

    /// Creates (`bulletin` nil) or changes a draft; its audio is made again by a queued job.
    func save(_ draft: Draft, bulletin: RadioBulletinRecord?, actor: (id: UUID?, email: String), ip: String) async throws -> RadioBulletinRecord {
        if let bulletin, bulletin.bulletinState != .draft { throw Refusal.notDraft }
        let model = bulletin ?? RadioBulletinRecord()
        let clients = self.clients
        try await db.writeTransaction { db in
            if bulletin == nil {
                model.$station.id = draft.stationID
                model.source = draft.source.rawValue
                model.$article.id = draft.articleID
                model.state = RadioBulletinRecord.State.draft.rawValue
                model.createdBy = actor.id
            }
            model.title = draft.title
            model.radioText = draft.radioText
            // The transcript beside the audio is what is read: the text as written, not as normalised.
            model.transcript = draft.radioText
            model.isEmergency = draft.isEmergency
            if let recording = draft.recordingFile { model.source = RadioBulletinRecord.Source.recording.rawValue; model.recordingFile = recording }
            // A recording's transcript may change without touching its audio; text is spoken again.
            let renders = draft.recordingFile != nil || model.bulletinSource != .recording
            if renders {
                model.audioFile = nil
                model.durationSeconds = nil
                model.renderStatus = RadioBulletinRecord.RenderStatus.pending.rawValue
                model.renderMessage = nil
            }
            try await model.save(on: db)
            if renders { try await BulletinRenderJob.enqueue(bulletinID: try model.requireID(), now: clients.now(), on: db) }
            try await AuditLog(db: db, clients: clients).record(
                .radioBulletinSaved, actor: actor, subject: draft.title, ip: ip, detail: bulletin == nil ? "created" : "changed")
        }
        return model
    }

    /// An approver of the station's unit lets the bulletin air; emergencies too (decision 0023).
    func approve(_ bulletin: RadioBulletinRecord, actor: (id: UUID?, email: String), ip: String) async throws {
        guard bulletin.bulletinState == .draft else { throw Refusal.alreadyApproved }
        guard bulletin.render == .done, bulletin.audioFile != nil else { throw Refusal.noAudio }
        let clients = self.clients
        let id = try bulletin.requireID()
        try await db.writeTransaction { db in
            // Compare-and-set on the state: of two approvers at once, the second finds it approved.
            let moved = try await db.sql.raw(
                """
                UPDATE radio_bulletins SET state = \(bind: RadioBulletinRecord.State.approved.rawValue), approved_by = \(bind: actor.id),
                approved_at = \(bind: clients.now()) WHERE id = \(bind: id) AND state = \(bind: RadioBulletinRecord.State.draft.rawValue)
                RETURNING id
                """
            ).all()
            guard !moved.isEmpty else { throw Refusal.alreadyApproved }
            try await AuditLog(db: db, clients: clients).record(
                .radioBulletinApproved, actor: actor, subject: bulletin.title, ip: ip, detail: bulletin.isEmergency ? "emergency" : "")
        }
        bulletin.state = RadioBulletinRecord.State.approved.rawValue
    }

    /// A first radio text from a published article: its title and summary, which a newsroom writes to be
    /// read; the editor shortens and rewrites it for the ear before saving.
    static func radioText(fromTitle title: String, summary: String, body: String) -> String {
        let lead = summary.isEmpty ? String(body.prefix(1200)) : summary
        let text = "\(title).\n\n\(lead)"
        return String(text.prefix(maximumTextLength))
    }
}
