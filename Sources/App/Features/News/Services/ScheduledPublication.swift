import FluentKit
import Foundation
import LoaCore
import Logging
import Synchronization

/// Articles whose scheduled time has come become published, and the public pages learn of every
/// scheduled appearance and every expiry within one tick (issue #9: before, listings, feeds and the
/// sitemap changed only at the next unrelated edit, and scheduled articles never counted as evidence).
/// Idempotent, so a second run after a change of lease holder does no harm: the move is one conditional
/// UPDATE per article.
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

/// Scheduled publication as singleton work (issue #10): it ran on every instance every 10 s, each
/// racing the others to the same conditional UPDATEs; now only the holder of the singleton lease runs it.
extension ScheduledPublication {
    func singletonTask(interval: Duration) -> SingletonTask {
        let since = TickMark(now())
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        return SingletonTask(name: "scheduled-publication", interval: seconds) {
            since.value = try await tick(since: since.value)
        }
    }
}

/// The instant the last tick covered up to, carried from one run of the task to the next.
private final class TickMark: Sendable {
    private let mark: Mutex<Date>
    init(_ start: Date) { mark = Mutex(start) }
    var value: Date {
        get { mark.withLock { $0 } }
        set { mark.withLock { $0 = newValue } }
    }
}
