import FluentKit
import Foundation
import LoaCore
import Logging
import ServiceLifecycle

/// Articles whose scheduled time has come become published, and the public pages learn of every
/// scheduled appearance and every expiry within one tick (issue #9: before, listings, feeds and the
/// sitemap changed only at the next unrelated edit, and scheduled articles never counted as evidence).
/// Idempotent, so every instance may run it: the move is one conditional UPDATE per article.
struct ScheduledPublication: Sendable {
    let database: DatabaseStack
    let pageCache: PageCache
    let now: @Sendable () -> Date

    /// Does what came due after `since` and returns the instant to pass next time.
    @discardableResult
    func tick(since: Date) async throws -> Date {
        let now = now()
        let db = database.db
        let due = try await Article.query(on: db)
            .filter(\.$status == ArticleState.scheduled.rawValue).filter(\.$publishedAt <= now).all()
        let expired = try await Article.query(on: db)
            .filter(\.$status ~~ [ArticleState.published.rawValue, ArticleState.scheduled.rawValue])
            .filter(\.$expiresAt > since).filter(\.$expiresAt <= now).count()
        guard !due.isEmpty || expired > 0 else { return now }
        try await pageCache.changingContent(on: db) { db in
            for article in due {
                let moved = try await db.sql.raw(
                    """
                    UPDATE articles SET status = \(bind: ArticleState.published.rawValue), version = version + 1
                    WHERE id = \(bind: article.requireID()) AND status = \(bind: ArticleState.scheduled.rawValue)
                    RETURNING version
                    """
                ).all()
                // Another instance moved it first: its trace is already written.
                guard !moved.isEmpty else { continue }
                article.$tags.value = try await article.$tags.get(reload: true, on: db)
                try await NewsroomService.trace(
                    article, note: "Tự động đăng theo lịch hẹn", editorID: nil, editorName: "Hệ thống", at: now, on: db)
            }
        }
        return now
    }
}

/// Runs `ScheduledPublication` every few seconds until the server shuts down.
struct ScheduledPublicationService: Service {
    let publication: ScheduledPublication
    var interval: Duration = .seconds(10)
    let logger: Logger

    func run() async throws {
        var since = publication.now()
        while true {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return  // shutting down
            }
            do {
                since = try await publication.tick(since: since)
            } catch {
                logger.error("scheduled publication not applied; retried at the next tick", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
    }
}
