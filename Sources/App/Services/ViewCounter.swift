import FluentKit
import Foundation
import LoaCore
import Logging
import ServiceLifecycle
import SQLKit

/// Counts article views in memory and writes them in batches (issue #3): a page view costs a
/// dictionary increment, not a database write, so cached pages stay fast.
actor ViewCounter {
    struct Key: Hashable, Sendable {
        var siteID: UUID
        var slug: String
        var day: String
    }

    private let db: any Database
    private let now: @Sendable () -> Date
    private var pending: [Key: Int] = [:]

    init(db: any Database, now: @escaping @Sendable () -> Date) {
        self.db = db
        self.now = now
    }

    func record(siteID: UUID, slug: String) {
        pending[Key(siteID: siteID, slug: slug, day: Self.day(now())), default: 0] += 1
    }

    /// Writes what was counted: one upsert per article and day (the same SQL on SQLite and PostgreSQL).
    /// Views of a slug that is not an article (a typo, a withdrawn page) are dropped.
    func flush() async throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll()
        let sql = db as! any SQLDatabase
        for (key, count) in batch {
            guard let article = try await Article.query(on: db).filter(\.$site.$id == key.siteID).filter(\.$slug == key.slug)
                .field(\.$id).first(), let id = article.id else { continue }
            try await sql.raw("""
                INSERT INTO article_views (id, article_id, site_id, day, views) VALUES (\(bind: UUID()), \(bind: id), \(bind: key.siteID), \(bind: key.day), \(bind: Int64(count)))
                ON CONFLICT (article_id, day) DO UPDATE SET views = article_views.views + excluded.views
                """).run()
        }
    }

    /// "2026-03-15" in Vietnam's time zone.
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = VietnameseDate.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}

/// Flushes the counter every ten seconds and once more at shutdown, after the server has drained
/// and before the database closes (its place in the service group sees to that).
struct ViewCounterService: Service {
    let counter: ViewCounter
    let logger: Logger

    func run() async throws {
        while true {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(10)) }
            } catch {
                break  // shutting down
            }
            do { try await counter.flush() } catch { logger.error("view counts not written", metadata: ["error": "\(error)"]) }
        }
        do { try await counter.flush() } catch { logger.error("view counts not written at shutdown", metadata: ["error": "\(error)"]) }
    }
}
