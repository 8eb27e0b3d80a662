import FluentKit
import Foundation
import LoaCore
import SQLKit

/// "Nghe bài viết" (issue #11): every published article is read aloud in the background, and read
/// again when it changes. A singleton sweep finds published articles whose audio is missing or made
/// from an older version and queues one job per article version; the job renders with the bulletins'
/// pipeline (reading normaliser, espeak-ng, loudness, MP3) and changes the article's site pages.
struct ArticleAudioJob: Sendable {
    static let kind = "radio.article-audio"
    static let sweepName = "radio.article-audio"

    struct Payload: Codable, Sendable {
        var articleID: UUID
        var version: Int
    }

    let renderer: BulletinRenderer
    let clients: Clients
    let pageCache: PageCache

    /// Queues the newest `limit` published articles without current audio. Does nothing while the
    /// tools are missing (the back office says so), so installing them later reads every article.
    @discardableResult
    func sweep(limit: Int = 20) async throws -> Int {
        guard renderer.missingTools == nil else { return 0 }
        let now = clients.now()
        let rows = try await renderer.db.sql.raw(
            """
            SELECT a.id AS id, a.version AS version FROM articles a LEFT JOIN article_audio x ON x.article_id = a.id
            WHERE a.status = \(bind: ArticleState.published.rawValue) AND (a.published_at IS NULL OR a.published_at <= \(bind: now))
              AND (a.expires_at IS NULL OR a.expires_at > \(bind: now)) AND (x.id IS NULL OR x.article_version <> a.version)
            ORDER BY a.published_at DESC, a.id LIMIT \(bind: limit)
            """
        ).all()
        var queued = 0
        for row in rows {
            let payload = Payload(articleID: try row.decode(column: "id", as: UUID.self), version: try row.decode(column: "version", as: Int.self))
            // One job per article version, whichever instance sweeps and however often.
            let key = "article-audio:\(payload.articleID.uuidString.lowercased()):\(payload.version)"
            if try await JobQueue.enqueue(Self.kind, payload: payload, dedupeKey: key, runAt: now, now: now, on: renderer.db) { queued += 1 }
        }
        return queued
    }

    func run(_ context: JobContext) async throws {
        let payload = try context.payload(Payload.self)
        // An article edited, withdrawn or deleted since: the newer version's job does the work.
        guard let article = try await Article.find(payload.articleID, on: context.db), article.version == payload.version,
            article.status == ArticleState.published.rawValue
        else { return }
        let text = ArticleReading.text(
            title: article.title, summary: article.summary, body: article.body, maximumLength: SpeechText.defaultMaximumLength)
        let outcome = await renderer.make(text, name: "article-\(payload.articleID.uuidString.lowercased())")
        // The article page shows its player from now on, on every instance.
        let replaced: String? = try await pageCache.changingContent(on: context.db, site: article.$site.id) { db in
            let existing = try await ArticleAudio.query(on: db).filter(\.$articleID == payload.articleID).first()
            // A slower job of an older version never overwrites a newer one's audio.
            if let existing, existing.articleVersion > payload.version {
                if case .success(let (file, _)) = outcome { return file }
                return nil
            }
            let audio = existing ?? ArticleAudio()
            let old = audio.file
            audio.articleID = payload.articleID
            audio.articleVersion = payload.version
            switch outcome {
            case .success(let (file, duration)):
                audio.status = ArticleAudio.Status.done.rawValue
                audio.file = file
                audio.durationSeconds = duration
                audio.message = nil
            case .failure(let failure):
                audio.status = ArticleAudio.Status.failed.rawValue
                audio.message = failure.description
            }
            try await audio.save(on: db)
            return audio.file == old ? nil : old
        }
        if let replaced { try? FileManager.default.removeItem(at: renderer.directory.appendingPathComponent(replaced)) }
    }
}
