import FluentKit
import Foundation

/// The job that makes an uploaded image's renditions (issue #10): 320, 640 and 1024 px wide, those
/// narrower than the original. Until it has run, `rendition_widths` is empty and pages show the original.
struct RenditionJob: Sendable {
    static let kind = "media.renditions"

    struct Payload: Codable, Sendable {
        var mediaID: UUID
    }

    let library: MediaLibrary
    let pageCache: PageCache

    /// One job per image, whoever asks twice.
    static func enqueue(mediaID: UUID, now: Date, on db: any Database) async throws {
        try await JobQueue.enqueue(
            kind, payload: Payload(mediaID: mediaID), dedupeKey: "\(kind):\(mediaID.uuidString.lowercased())", runAt: now, now: now, on: db)
    }

    /// Idempotent: an image already done, or deleted meanwhile, needs nothing. The row changes through
    /// the page cache, so cached pages start using the renditions at once.
    func run(_ context: JobContext) async throws {
        let payload = try context.payload(Payload.self)
        guard let media = try await Media.find(payload.mediaID, on: context.db), media.widths.isEmpty else { return }
        let widths = try await library.makeRenditions(of: media)
        guard !widths.isEmpty else { return }
        media.renditionWidths = widths.map(String.init).joined(separator: ",")
        try await pageCache.changingContent(on: context.db) { db in try await media.save(on: db) }
    }
}
