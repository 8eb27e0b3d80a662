import FluentKit
import Foundation

/// The queued job that turns one saved bulletin's text into audio (issues #10, #11): enqueued in the
/// transaction that saves the text, run by whichever instance claims it, never inside the request.
struct BulletinRenderJob: Sendable {
    static let kind = "radio.render"

    struct Payload: Codable, Sendable {
        var bulletinID: UUID
    }

    let renderer: BulletinRenderer

    /// One job per save: each save sets the bulletin pending again with a new text.
    static func enqueue(bulletinID: UUID, now: Date, on db: any Database) async throws {
        try await JobQueue.enqueue(kind, payload: Payload(bulletinID: bulletinID), runAt: now, now: now, on: db)
    }

    /// Idempotent: a bulletin already rendered or deleted needs nothing; a render's
    /// outcome is written only if the text it read is still the one waiting (`BulletinRenderer.render`).
    func run(_ context: JobContext) async throws {
        let payload = try context.payload(Payload.self)
        guard let bulletin = try await RadioBulletinRecord.find(payload.bulletinID, on: context.db), bulletin.render == .pending else { return }
        if bulletin.bulletinSource == .recording {
            _ = try await renderer.renderRecording(bulletin)
        } else {
            _ = try await renderer.render(bulletin)
        }
    }
}
